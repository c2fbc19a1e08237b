import Foundation

/// Which URLs Tributary will talk to, and their one normal form.
///
/// HTTPS is required for every host except loopback (`127.0.0.0/8`, `::1`, `localhost`), where the
/// provider sandbox runs. A missing scheme means HTTPS; trailing slashes, queries and fragments are
/// dropped; scheme and host are lower-cased.
public enum URLPolicy {
    /// A site URL as connections store it (scheme and host, no path), or why it is refused.
    public static func normalizedBaseURL(_ raw: String) throws(URLPolicyError) -> URL {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw URLPolicyError(
                url: raw, message: "the URL is empty",
                hint: "Give the site URL, e.g. https://yourcompany.atlassian.net.")
        }
        if !text.contains("://") {
            if text.lowercased().hasPrefix("file:") || text.lowercased().hasPrefix("mailto:") {
                throw unsupportedScheme(raw)
            }
            text = "https://" + text
        }
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw URLPolicyError(
                url: raw, message: "not a valid URL", hint: "Give the site URL, e.g. https://yourcompany.atlassian.net."
            )
        }
        guard scheme == "https" || scheme == "http" else { throw unsupportedScheme(raw) }
        guard let host = components.host?.lowercased(), !host.isEmpty else {
            throw URLPolicyError(
                url: raw, message: "the URL has no host",
                hint: "Give the site URL, e.g. https://yourcompany.atlassian.net.")
        }
        // Foundation's HTTP stack on Linux refuses bracketed IPv6 literals ("bad URL", -1000) only
        // when a request is sent, six attempts later: say so now.
        if host.hasPrefix("[") || host.contains(":") {
            throw URLPolicyError(
                url: raw, message: "IPv6 address literals cannot be used as a site URL on this platform",
                hint:
                    "Use a host name, or 127.0.0.1 for a server on this machine (the sandbox listens on 127.0.0.1).")
        }
        if components.user != nil || components.password != nil {
            throw URLPolicyError(
                url: redactUserInfo(raw), message: "the URL contains credentials",
                hint: "Remove user and password from the URL; pass the token on stdin or through --token-env.")
        }
        if scheme == "http" && !isLoopback(host) {
            throw URLPolicyError(
                url: raw, message: "plain HTTP is refused for a remote host: HTTPS is required",
                hint:
                    "Use https://\(host)\(components.port.map { ":\($0)" } ?? "")\(components.path); plain http:// is only accepted for loopback (127.0.0.1, ::1, localhost)."
            )
        }
        components.scheme = scheme
        components.host = host
        components.query = nil
        components.fragment = nil
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        components.path = path
        if (scheme == "https" && components.port == 443) || (scheme == "http" && components.port == 80) {
            components.port = nil
        }
        guard let url = components.url else {
            throw URLPolicyError(
                url: raw, message: "not a valid URL", hint: "Give the site URL, e.g. https://yourcompany.atlassian.net."
            )
        }
        return url
    }

    /// Whether `host` is a loopback address or name.
    public static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        // `localhost` itself, but not `*.localhost`: those names may be resolved through DNS.
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" {
            return true
        }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { part in UInt8(part) != nil }
    }

    /// Checks a URL about to be requested (not only base URLs): the same scheme rule.
    public static func checkRequestURL(_ url: URL) throws(URLPolicyError) {
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host ?? ""
        if scheme == "https" { return }
        if scheme == "http" && isLoopback(host) { return }
        if scheme == "http" {
            throw URLPolicyError(
                url: url.absoluteString, message: "plain HTTP is refused for a remote host: HTTPS is required",
                hint: "Use an https:// URL; plain http:// is only accepted for loopback.")
        }
        throw unsupportedScheme(url.absoluteString)
    }

    private static func unsupportedScheme(_ raw: String) -> URLPolicyError {
        URLPolicyError(
            url: raw, message: "unsupported URL scheme (only https://, or http:// on loopback)",
            hint: "Give the site URL, e.g. https://yourcompany.atlassian.net.")
    }

    private static func redactUserInfo(_ raw: String) -> String {
        guard var components = URLComponents(string: raw) else { return "‹url with credentials›" }
        components.user = components.user == nil ? nil : "‹redacted›"
        components.password = components.password == nil ? nil : "‹redacted›"
        return components.string ?? "‹url with credentials›"
    }
}
