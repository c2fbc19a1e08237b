import ImportCore

/// Where an Asana task listing stands, so that it resumes days later exactly. Asana pages by
/// `offset` tokens that expire (and are bound to their query), so the cursor holds a position of its
/// own: which of the run's projects is being read and in which phase. The offset is kept as a
/// shortcut while Asana still accepts it; once it has expired the project is read again from its
/// first page (every task is written by gid, so re-reading changes nothing and loses nothing).
/// After the last project, one sweep reads what changed since the pass began
/// (`modified_since` = `top`), so a task edited during a long pass is not lost to it.
struct AsanaCursor: Sendable, Hashable {
    /// The pass over the projects, then the sweep.
    enum Phase: String, Sendable, Hashable {
        case main, sweep
    }

    var phase: Phase = .main
    /// The index of the project being read, in the query's containers.
    var container = 0
    /// Asana's offset for the next page of that project, while it is valid.
    var offset: String?
    /// When the pass began (epoch ms, by Asana's `Date` header, else this machine's
    /// clock less `clockMarginMilliseconds`): the sweep starts there.
    var top: Int64?

    /// How far before the pass's start by this machine's clock the sweep reaches when Asana sent no
    /// `Date`, for clock skew between this machine and Asana.
    static let clockMarginMilliseconds: Int64 = 120_000

    /// The cursor as stored with a page.
    var encoded: PageCursor {
        var object: [String: JSONValue] = [
            "v": 1, "phase": .string(phase.rawValue), "container": .number(Double(container)),
        ]
        if let offset { object["offset"] = .string(offset) }
        if let top { object["top"] = .string(String(top)) }
        return PageCursor(JSONValue.object(object).jsonText)
    }

    /// A stored cursor, or an error saying it is not one of ours.
    static func decode(_ cursor: PageCursor) throws(ProviderError) -> AsanaCursor {
        guard let json = try? JSONParser.parse(cursor.value), json["v"]?.intValue == 1,
            let phase = json["phase"]?.stringValue.flatMap(Phase.init(rawValue:)),
            let container = json["container"]?.intValue, container >= 0
        else {
            throw ProviderError(
                provider: AsanaProvider.id, kind: .configuration, message: "the stored page cursor is not Asana's",
                hint: "The interrupted job was written by another provider or version; run with a new config name.")
        }
        var decoded = AsanaCursor(phase: phase, container: container)
        decoded.offset = json["offset"]?.stringValue
        decoded.top = json["top"]?.stringValue.flatMap { Int64($0) }
        return decoded
    }
}
