import Foundation
import Synchronization

/// Fetches attachment content beside the pages: after each page the engine nudges it, and it
/// downloads what the store lists as pending, a few files at a time, into staging files it then
/// commits. Limits: a per-file size (checked on the declared size, then on the bytes themselves) and a
/// budget for the run; what cannot be fetched is listed with its reason, never skipped silently, and
/// stays pending for the next run. A file committed is never fetched again.
actor AttachmentDownloader {
    /// How much it may fetch and how fast.
    struct Limits: Sendable {
        var maxFileBytes: Int
        var budgetBytes: Int
        var concurrency: Int
        var seconds: Double
    }

    private let connection: any ProviderConnection
    private let store: any AttachmentContentStore
    /// The job whose change a stored file is.
    private let jobID: Int64?
    private let target: WriteTarget
    private let limits: Limits
    private let redactor: Redactor
    private var after: Int64 = 0
    private var spent = 0
    private var report = AttachmentContentReport()
    /// The round a nudge started, while it runs (`stop` reads it without waiting for the actor).
    private nonisolated let running = Mutex<Task<Void, Never>?>(nil)

    init(
        connection: any ProviderConnection, store: any AttachmentContentStore, target: WriteTarget, jobID: Int64?,
        limits: Limits, redactor: Redactor
    ) {
        self.connection = connection
        self.jobID = jobID
        self.store = store
        self.target = target
        self.limits = limits
        self.redactor = redactor
    }

    /// Starts fetching what is pending now, unless a round is already under way.
    func nudge() {
        guard running.withLock({ $0 == nil }) else { return }
        let task = Task { await self.round() }
        running.withLock { $0 = task }
    }

    /// Cancels the round under way (the run stops: the file in flight is discarded, stored ones stay).
    nonisolated func stop() { running.withLock { $0?.cancel() } }

    /// Waits for the round under way, fetches what is still pending, and says what happened.
    func finish() async -> AttachmentContentReport {
        // Waiting on the round's task does not pass a cancellation on: a stopped run stops it.
        let task = running.withLock { $0 }
        await withTaskCancellationHandler {
            await task?.value
        } onCancel: {
            task?.cancel()
        }
        await round()
        return report
    }

    private func round() async {
        defer { running.withLock { $0 = nil } }
        while !Task.isCancelled {
            let batch: [PendingContent]
            do {
                batch = try store.pendingContent(target: target, after: after, limit: 64)
            } catch {
                report.missing.append(
                    .init(
                        task: nil, attachment: "", filename: "",
                        reason: "the store could not list pending files: \(error)"))
                return
            }
            guard let last = batch.last else { return }
            after = last.rowID
            var admitted: [PendingContent] = []
            for item in batch {
                if let size = item.declaredSize, size > limits.maxFileBytes {
                    miss(item, "\(Self.megabytes(size)) is \(Self.overFileLimit(limits))")
                } else if spent + (item.declaredSize ?? 0) > limits.budgetBytes {
                    miss(
                        item,
                        "over this run's budget of \(Self.megabytes(limits.budgetBytes)); it is fetched by the next run (or raise source.attachmentBudgetMegabytes)"
                    )
                } else {
                    spent += item.declaredSize ?? 0
                    admitted.append(item)
                }
            }
            await fetch(admitted)
        }
    }

    private func fetch(_ items: [PendingContent]) async {
        let connection = connection
        let store = store
        let limits = limits
        let redactor = redactor
        let jobID = jobID
        await withTaskGroup(of: (PendingContent, Result<StoredContent, any Error>).self) { group in
            var queue = items[...]
            func launch() {
                // A stopped run starts nothing more; what is in flight ends and is discarded.
                guard !Task.isCancelled, let item = queue.popFirst() else { return }
                group.addTask {
                    (
                        item,
                        await Self.download(item, connection: connection, store: store, jobID: jobID, limits: limits)
                    )
                }
            }
            for _ in 0..<max(1, limits.concurrency) { launch() }
            while let (item, outcome) = await group.next() {
                switch outcome {
                case .success(let stored):
                    report.stored += 1
                    report.bytes += stored.size
                    spent += stored.size - (item.declaredSize ?? 0)
                case .failure(let error):
                    spent -= item.declaredSize ?? 0
                    // Stopped with the run: not a file that could not be fetched; the next run fetches it.
                    if !Task.isCancelled { miss(item, redactor.redact(Self.describe(error, limits: limits))) }
                }
                launch()
            }
        }
    }

    private static func download(
        _ item: PendingContent, connection: any ProviderConnection, store: any AttachmentContentStore, jobID: Int64?,
        limits: Limits
    ) async -> Result<StoredContent, any Error> {
        let staged: String
        do {
            staged = try store.stagingPath()
        } catch {
            return .failure(error)
        }
        do {
            _ = try await connection.downloadAttachment(
                externalID: item.externalID, contentURL: item.contentURL, to: staged, maxBytes: limits.maxFileBytes,
                seconds: limits.seconds)
            try Task.checkCancellation()
            return .success(try store.commit(staged: staged, for: item, jobID: jobID))
        } catch {
            store.discard(staged: staged)
            return .failure(error)
        }
    }

    private func miss(_ item: PendingContent, _ reason: String) {
        report.missing.append(
            .init(task: item.taskKey, attachment: item.externalID, filename: item.filename, reason: reason))
    }

    /// Why a file over the per-file limit is not fetched, and what to do.
    static func overFileLimit(_ limits: Limits) -> String {
        "over the per-file limit of \(megabytes(limits.maxFileBytes)); raise source.attachmentMaxMegabytes to fetch it"
    }

    static func describe(_ error: any Error, limits: Limits) -> String {
        if let error = error as? ProviderError {
            // The answer's own hint is about page sizes; for a file, the per-file limit is what to change.
            if error.kind == .tooLarge { return overFileLimit(limits) }
            return error.hint.isEmpty ? error.message : "\(error.message) (\(error.hint))"
        }
        if error is CancellationError { return "the run was stopped before it finished; the next run fetches it" }
        return String(describing: error)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
