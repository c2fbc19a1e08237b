import ImportCore

/// Where a Linear issue listing stands, so that it resumes days later exactly. Linear lists
/// `orderBy: updatedAt` newest first and its own cursors are opaque, so the cursor holds a keyset
/// position instead: the `updatedAt` of the last issue handed out and the ids already handed out at
/// that instant. The next page asks for `updatedAt ≤ at` and leaves those ids out, whatever the
/// order of ties. After the oldest issue, one catch-up sweep reads what changed since the first page
/// (`updatedAt > top`), so an issue edited during a long pass is not lost to it.
struct LinearCursor: Sendable, Hashable {
    /// The pass over the listing, then the catch-up sweep.
    enum Phase: String, Sendable, Hashable {
        case main, catchUp
    }

    var phase: Phase = .main
    /// The newest `updatedAt` of the pass's first page (epoch ms): the catch-up sweep starts after it.
    var top: Int64?
    /// `updatedAt` of the last issue handed out (epoch ms); `nil` before the first page.
    var at: Int64?
    /// Ids already handed out with `updatedAt == at`.
    var handedOut: [String] = []
    /// Linear's own cursor: within a run of ties too long for one page, or within the catch-up sweep.
    var after: String?
    /// Paging through a run of issues that share `at`, with Linear's cursor (too many for the ids).
    var inTie = false

    /// Most ids kept for one instant before the listing pages through the tie with Linear's cursor.
    static let maxTieIDs = 200

    /// The cursor as stored with a page.
    var encoded: PageCursor {
        var object: [String: JSONValue] = [
            "v": 1, "phase": .string(phase.rawValue), "ids": .array(handedOut.map(JSONValue.string)),
        ]
        if let top { object["top"] = .string(String(top)) }
        if let at { object["at"] = .string(String(at)) }
        if let after { object["after"] = .string(after) }
        if inTie { object["tie"] = true }
        return PageCursor(JSONValue.object(object).jsonText)
    }

    /// A stored cursor, or an error saying it is not one of ours.
    static func decode(_ cursor: PageCursor) throws(ProviderError) -> LinearCursor {
        guard let json = try? JSONParser.parse(cursor.value), json["v"]?.intValue == 1,
            let phase = json["phase"]?.stringValue.flatMap(Phase.init(rawValue:))
        else {
            throw ProviderError(
                provider: LinearProvider.id, kind: .configuration, message: "the stored page cursor is not Linear's",
                hint: "The interrupted job was written by another provider or version; run with a new config name.")
        }
        var decoded = LinearCursor(phase: phase)
        decoded.top = json["top"]?.stringValue.flatMap { Int64($0) }
        decoded.at = json["at"]?.stringValue.flatMap { Int64($0) }
        decoded.handedOut = (json["ids"]?.arrayValue ?? []).compactMap(\.stringValue)
        decoded.after = json["after"]?.stringValue
        decoded.inTie = json["tie"]?.boolValue ?? false
        return decoded
    }
}
