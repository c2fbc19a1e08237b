extension SourcePath.Segment {
    /// Whether the segment can yield several values.
    var yieldsList: Bool {
        switch self {
        case .wildcard, .filter: return true
        default: return false
        }
    }
}
