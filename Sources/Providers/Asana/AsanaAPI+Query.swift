import Foundation
import ImportCore

extension AsanaAPI {
    /// The request for one page of `query` in project `container`, continuing at `cursor` (the page's
    /// `next`): `limit` from the query's page size (Asana allows 100), `offset` from the cursor.
    public static func request(
        for query: RecordQuery, container: String, cursor: PageCursor?, base: String = AsanaProvider.baseURL
    ) -> HTTPRequest {
        tasksRequest(
            project: container, offset: cursor.flatMap { StubCursor.decode($0)?.position }, limit: query.pageSize,
            base: base)
    }

    /// An answer as the contract's page: its records and the cursor of the next one.
    public static func page(_ body: JSONValue, container: String) -> RecordPage {
        let (records, offset) = parsePage(body)
        return RecordPage(records: records, next: offset.map { StubCursor(container: container, position: $0).encoded })
    }
}
