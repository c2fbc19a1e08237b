extension WorkItem {
    /// The two-week sprint (Linear: cycle) the item was created in, numbered from 1 at the world's epoch.
    var sprintNumber: Int { Int((created - SandboxWorld.epoch) / (14 * 86_400_000)) + 1 }

    /// When that sprint started.
    var sprintStart: Int64 { SandboxWorld.epoch + Int64(sprintNumber - 1) * 14 * 86_400_000 }
}
