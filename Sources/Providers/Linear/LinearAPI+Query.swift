import Foundation
import ImportCore

extension LinearAPI {
    /// The request for one page of `query` in team `container`, continuing at `cursor` (the page's
    /// `next`): `first` from the query's page size, `after` from the cursor.
    public static func request(
        for query: RecordQuery, container: String, cursor: PageCursor?, credentials: Credentials,
        endpoint: String = LinearProvider.baseURL
    ) -> HTTPRequest {
        issuesRequest(
            team: container, after: cursor.flatMap { StubCursor.decode($0)?.position }, first: query.pageSize,
            credentials: credentials, endpoint: endpoint)
    }

    /// An answer as the contract's page: its records and the cursor of the next one.
    public static func page(_ body: JSONValue, container: String) -> RecordPage {
        let (records, endCursor) = parsePage(body)
        return RecordPage(
            records: records, next: endCursor.map { StubCursor(container: container, position: $0).encoded })
    }
}
