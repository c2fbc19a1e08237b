import Foundation
import ImportCore

/// An Asana page offset as the sandbox issues it: opaque to clients, bound to one query, and valid
/// for a while only (a client must not store it as its cursor).
struct AsanaOffset: Sendable {
    /// The query it continues (`AsanaSandbox.queryKey`).
    let query: String
    /// The position of the page's first record.
    let index: Int
    /// When it was issued (seconds since 1970).
    let issuedAt: Double

    init(query: String, index: Int, issuedAt: Double) {
        self.query = query
        self.index = index
        self.issuedAt = issuedAt
    }

    /// The offset a token stands for; `nil` for one the sandbox did not issue.
    init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let json = try? JSONParser.parse(data),
            let query = json["q"]?.stringValue, let index = json["i"]?.intValue, index >= 0,
            let issuedAt = json["t"]?.doubleValue
        else { return nil }
        self.init(query: query, index: index, issuedAt: issuedAt)
    }

    /// The token a client sends back as `offset` (URL-safe base64 of the offset's JSON).
    var token: String {
        let json: JSONValue = ["q": .string(query), "i": .number(Double(index)), "t": .number(issuedAt)]
        return JSONWriter().data(json).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
