import ImportCore

/// Where a ClickUp task listing stands, so that it resumes days later exactly. ClickUp pages by
/// page number, and page numbers shift when tasks change, so the cursor holds a keyset of its own
/// (`ClickUpKeyset`) in the list being read, and which list that is (by index and id, so a list
/// added to a folder meanwhile does not move it). After the last list, one sweep per list reads what
/// changed since the pass began (`top`), so a task edited in a list already read is not lost.
struct ClickUpCursor: Sendable, Hashable {
    /// The pass over the lists, then the sweep.
    enum Phase: String, Sendable, Hashable {
        case main, sweep
    }

    var phase: Phase = .main
    /// The index of the list being read, in the run's lists.
    var container = 0
    /// That list's id.
    var list: String?
    /// The position in it (`nil`: its start).
    var keyset: ClickUpKeyset?
    /// When the pass began (epoch ms, by ClickUp's `Date` header, else this machine's clock less
    /// `clockMarginMilliseconds`): the sweep reads from there.
    var top: Int64?
    /// Tasks handed out so far (capped runs stop at their cap).
    var emitted = 0

    /// How far before the pass's start by this machine's clock the sweep reaches when ClickUp sent
    /// no `Date`, for clock skew.
    static let clockMarginMilliseconds: Int64 = 120_000

    /// Moves to the list `lists[container]` names now, when a stored index points elsewhere.
    mutating func realign(to lists: [String]) {
        guard let list, !(lists.indices.contains(container) && lists[container] == list),
            let moved = lists.firstIndex(of: list)
        else { return }
        container = moved
    }

    /// The cursor as stored with a page.
    var encoded: PageCursor {
        var object: [String: JSONValue] = [
            "v": 1, "phase": .string(phase.rawValue), "container": .number(Double(container)),
            "emitted": .number(Double(emitted)),
        ]
        if let list { object["list"] = .string(list) }
        if let keyset {
            object["updated"] = .string(String(keyset.updated))
            object["ids"] = .array(keyset.ids.map(JSONValue.string))
            object["page"] = .number(Double(keyset.page))
        }
        if let top { object["top"] = .string(String(top)) }
        return PageCursor(JSONValue.object(object).jsonText)
    }

    /// A stored cursor, or an error saying it is not one of ours.
    static func decode(_ cursor: PageCursor) throws(ProviderError) -> ClickUpCursor {
        guard let json = try? JSONParser.parse(cursor.value), json["v"]?.intValue == 1,
            let phase = json["phase"]?.stringValue.flatMap(Phase.init(rawValue:)),
            let container = json["container"]?.intValue, container >= 0
        else {
            throw ProviderError(
                provider: ClickUpProvider.id, kind: .configuration,
                message: "the stored page cursor is not ClickUp's",
                hint: "The interrupted job was written by another provider or version; run with a new config name.")
        }
        var decoded = ClickUpCursor(phase: phase, container: container)
        decoded.list = json["list"]?.stringValue
        decoded.emitted = max(0, json["emitted"]?.intValue ?? 0)
        if let updated = json["updated"]?.stringValue.flatMap({ Int64($0) }) {
            decoded.keyset = ClickUpKeyset(
                updated: updated, ids: json["ids"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                page: max(0, json["page"]?.intValue ?? 0))
        }
        decoded.top = json["top"]?.stringValue.flatMap { Int64($0) }
        return decoded
    }
}
