/// The lifecycle state of an import job.
public enum JobStatus: String, Sendable, Hashable {
    /// Started and not ended (or its process died: the next run of its config resumes it).
    case running
    /// Every page landed and every record with it.
    case completed
    /// The run stopped on an error; with a checkpoint, the next run of its config resumes it.
    case failed
    /// Every page landed, some records failed (listed with the job).
    case partial
    /// Stopped on request (Ctrl-C, SIGTERM, a closed output pipe) after a whole page; the next run of
    /// its config resumes it.
    case interrupted
}
