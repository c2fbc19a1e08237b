/// How `run` and `jobs show` name an attachment file a run could not fetch: the same line either way.
enum NotFetchedLine {
    static func text(task: String?, filename: String, attachment: String, reason: String) -> String {
        "not fetched: \(task ?? "?") \(filename) (attachment \(attachment)): \(reason)"
    }
}
