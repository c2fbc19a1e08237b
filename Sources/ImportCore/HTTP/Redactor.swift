import Foundation

/// Removes secrets from any text before it is logged, stored or shown: the credentials' own strings
/// (token, encoded Basic pair, header value) and the values of secret-looking URL query parameters.
public struct Redactor: Sendable {
    public static let placeholder = "‹redacted›"
    private let secrets: [String]

    /// Query parameters whose values are always hidden.
    static let sensitiveParameters: Set<String> = [
        "token", "access_token", "api_key", "apikey", "key", "password", "secret", "client_secret", "auth", "signature",
        "sig", "jwt",
    ]

    public init(secrets: [String] = []) {
        // Longest first, so a secret containing another is replaced whole.
        self.secrets = secrets.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    public init(credentials: Credentials) { self.init(secrets: credentials.sensitiveStrings) }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Redactor.placeholder)
        }
        return Redactor.redactQueryValues(result)
    }

    public func redact(_ url: URL) -> String { redact(url.absoluteString) }

    static func redactQueryValues(_ text: String) -> String {
        guard text.contains("=") else { return text }
        var output = ""
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            let before = rest[..<equals]
            let nameStart =
                before.lastIndex(where: { $0 == "?" || $0 == "&" || $0 == " " || $0 == ";" }).map {
                    before.index(after: $0)
                } ?? before.startIndex
            let name = before[nameStart...].lowercased()
            output += rest[...equals]
            rest = rest[rest.index(after: equals)...]
            if sensitiveParameters.contains(name), before[..<nameStart].last == "?" || before[..<nameStart].last == "&"
            {
                let end =
                    rest.firstIndex(where: { $0 == "&" || $0 == " " || $0 == "#" || $0 == "\"" || $0 == "\n" })
                    ?? rest.endIndex
                output += placeholder
                rest = rest[end...]
            }
        }
        return output + rest
    }
}
