/// The source's reference data, fetched in the background once a run's first page is in (so it never
/// delays the listing chain), when the run wants it.
struct ReferenceDataRefresh {
    private var wanted: Bool
    private let connection: any ProviderConnection
    private var task: Task<Result<[ReferenceRecord], any Error>, Never>?

    init(wanted: Bool, connection: any ProviderConnection) {
        self.wanted = wanted
        self.connection = connection
    }

    /// Starts the fetch, once, if the run wants it.
    mutating func start() {
        guard wanted else { return }
        wanted = false
        let connection = connection
        task = Task {
            do {
                return .success(try await connection.referenceData())
            } catch {
                return .failure(error)
            }
        }
    }

    /// The fetch's outcome, when one was started.
    func result() async -> Result<[ReferenceRecord], any Error>? {
        await task?.value
    }
}
