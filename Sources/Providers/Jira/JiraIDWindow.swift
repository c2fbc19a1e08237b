import ImportCore

/// Ids a bulk run listed ahead: what the next pages hand out without a request, and how the listing
/// goes on once they are handed out.
struct JiraIDWindow: Sendable {
    /// This window's number, in the cursors of the pages it hands out.
    let number: Int
    /// Ids listed and not handed out yet, in the search's order.
    var ids: ArraySlice<String>
    /// How many of its ids were handed out.
    var handed = 0
    /// Continues the id listing (Cloud's page token); `nil` when Jira said the last listed page was
    /// the last, or on Data Center, whose listing continues after `continuesAfter`.
    var token: String?
    /// When the ids were listed, by the server's clock (milliseconds since 1970), if it said.
    var listedAt: Int64?
    /// The issues the search matched, for progress.
    var total: Int?
    /// Data Center: the position of the last issue listed, which the listing continues after (by
    /// keyset, as the search chain does); `nil` when nothing follows, and on Cloud.
    var continuesAfter: JiraCursor.Position? = nil

    /// Whether more ids follow: listed and not handed out, or still to be listed.
    var hasMore: Bool { !ids.isEmpty || token != nil || continuesAfter != nil }
}
