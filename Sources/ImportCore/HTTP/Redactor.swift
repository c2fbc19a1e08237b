import Foundation

/// Removes secrets from any text before it is logged, stored or shown: the credentials' own strings
/// (token, encoded Basic pair, header value) and the values of secret-looking URL query parameters.
public struct Redactor: Sendable {
    /// What a secret is replaced with.
    public static let placeholder = "‹redacted›"
    private let secrets: [String]

    /// Query parameters whose values are always hidden.
    static let sensitiveParameters: Set<String> = [
        "token", "access_token", "api_key", "apikey", "key", "password", "secret", "client_secret", "auth", "signature",
        "sig", "jwt",
    ]

    /// A redactor hiding `secrets` in every form a server may echo them in: as given, with `/`
    /// escaped as JSON writes it (`\/`), and percent-encoded.
    public init(secrets: [String] = []) {
        var variants = Set<String>()
        for secret in secrets where secret.count >= 4 {
            variants.insert(secret)
            variants.insert(secret.replacingOccurrences(of: "/", with: "\\/"))
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                variants.insert(encoded)
            }
        }
        // Longest first, so a secret containing another is replaced whole.
        self.secrets = variants.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
    }

    /// Whether this redactor hides anything beyond secret-looking URL parameters.
    public var hasSecrets: Bool { !secrets.isEmpty }

    /// A redactor hiding the strings of `credentials`.
    public init(credentials: Credentials) { self.init(secrets: credentials.sensitiveStrings) }

    /// `text` without the secrets and secret-looking query values.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Redactor.placeholder)
        }
        return Redactor.redactQueryValues(result)
    }

    /// `url` as text without the secrets.
    public func redact(_ url: URL) -> String { redact(url.absoluteString) }

    /// A body safe to keep: a JSON body is decoded, every string in it (keys too) redacted as text and
    /// written back, so a secret the server escaped (`\u0074oken`, `\/`) cannot come back to life when
    /// the body is decoded later; any other body is redacted as text.
    public func redactBody(_ body: Data) -> Data {
        if let json = try? JSONParser.parse(body) { return JSONWriter().data(redact(json)) }
        return Data(redact(String(decoding: body, as: UTF8.self)).utf8)
    }

    /// `value` with every string in it (keys too) redacted.
    public func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(redact(text))
        case .array(let elements): return .array(elements.map(redact))
        case .object(let members):
            var redacted: [String: JSONValue] = [:]
            for (key, member) in members { redacted[redact(key)] = redact(member) }
            return .object(redacted)
        case .null, .bool, .number: return value
        }
    }

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
