/// A failed import, typed by what the user can do about it. The job (if one was opened) is marked
/// failed and audited; the message never contains a secret.
public struct ImportRunError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// What the user can do about it (the category of the error that ended the run).
    public typealias Kind = ErrorCategory

    /// The category of the failure.
    public let kind: Kind
    /// What went wrong, redacted, with a hint.
    public let message: String
    /// The job that recorded the failure, when one was opened.
    public let jobID: Int64?

    /// A run's failure.
    public init(kind: Kind, message: String, jobID: Int64?) {
        self.kind = kind
        self.message = message
        self.jobID = jobID
    }

    /// The category of the failure.
    public var category: ErrorCategory { kind }

    /// The message and the job to look at.
    public var description: String {
        guard let jobID else { return message }
        if kind == .interrupted {
            return
                "\(message)\n  (job \(jobID) is recorded as interrupted; `tributary jobs show \(jobID)` has the details)"
        }
        return "\(message)\n  (job \(jobID) is recorded as failed; `tributary jobs show \(jobID)` has the details)"
    }

    /// `error` as the user sees it: its category, and its text redacted with the run's secrets before it
    /// is stored (job, report, audit, connection) or printed.
    public static func from(_ error: any Error, jobID: Int64?, redactor: Redactor) -> ImportRunError {
        if let error = error as? ImportRunError {
            return ImportRunError(
                kind: error.kind, message: redactor.redact(error.message), jobID: error.jobID ?? jobID)
        }
        let category = (error as? any CategorizedError)?.category ?? .failure
        return ImportRunError(kind: category, message: redactor.redact(String(describing: error)), jobID: jobID)
    }
}
