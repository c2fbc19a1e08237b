import Foundation
import ImportCore

extension ClickUpAPI {
    /// The request for one page of `query` in list `container`, continuing at `cursor` (the page's
    /// `next`, a page number: ClickUp serves 100 tasks a page whatever the query asks).
    public static func request(
        for query: RecordQuery, container: String, cursor: PageCursor?, base: String = ClickUpProvider.baseURL
    ) -> HTTPRequest {
        tasksRequest(
            list: container, page: cursor.flatMap { StubCursor.decode($0)?.position }.flatMap { Int($0) } ?? 0,
            base: base)
    }

    /// An answer as the contract's page: its records and the cursor of the next page.
    public static func page(_ body: JSONValue, container: String, cursor: PageCursor?) -> RecordPage {
        let current = cursor.flatMap { StubCursor.decode($0)?.position }.flatMap { Int($0) } ?? 0
        let (records, nextPage) = parsePage(body, page: current)
        return RecordPage(
            records: records, next: nextPage.map { StubCursor(container: container, position: String($0)).encoded })
    }
}
