extension SourcePath {
    /// The path as written without its leading `^` or `~` (and the `.` after one).
    var relativeText: String {
        guard fromRoot || fromGroup else { return text }
        let rest = text.dropFirst()
        return String(rest.hasPrefix(".") ? rest.dropFirst() : rest)
    }

    /// This path followed by `relative`, a path written from what this one selects (a child rule's
    /// path below its `each`); `nil` when the two do not make a path.
    func appending(_ relative: String) -> SourcePath? {
        try? SourcePath(parsing: relative.isEmpty ? text : text + "." + relative)
    }
}
