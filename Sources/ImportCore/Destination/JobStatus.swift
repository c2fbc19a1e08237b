/// The lifecycle state of an import job.
public enum JobStatus: String, Sendable, Hashable {
    case running, completed, failed, partial
}
