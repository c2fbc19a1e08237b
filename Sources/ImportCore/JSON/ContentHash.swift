/// Hashes of mapped values: equal mapped content gives an equal hash, whatever the raw JSON looked like.
public enum ContentHash {
    /// SHA-256 (hex) of the value's sorted-key JSON text.
    public static func of(_ value: JSONValue) -> String {
        SHA256.hex(JSONWriter().bytes(value))
    }

    /// A short fingerprint (16 hex digits) for names such as lock files and config fingerprints.
    public static func short(_ value: JSONValue) -> String {
        String(of(value).prefix(16))
    }
}
