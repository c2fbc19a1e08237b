extension SandboxWorld {
    /// Removes `count` links, as a user unlinking two issues does: both ends count as updated (Jira
    /// moves their `updated`), so incremental runs see the change. Returns the removed links' ids.
    mutating func unlink(count: Int) -> [Int] {
        let chosen = Set(pick(count, of: links.map(\.id).sorted()))
        var removed: [Int] = []
        for link in links where chosen.contains(link.id) {
            let now = tick()
            for end in [link.from, link.to] { issues[end]?.updated = now }
            removed.append(link.id)
        }
        links.removeAll { chosen.contains($0.id) }
        version += 1
        return removed
    }

    /// Adds a link of `kind` from `from` to `to` (both ends updated); returns its id.
    mutating func link(_ kind: WorkLink.Kind, from: Int, to: Int) -> Int {
        let id = nextLinkID
        nextLinkID += 1
        links.append(WorkLink(id: id, kind: kind, from: from, to: to))
        let now = tick()
        for end in [from, to] { issues[end]?.updated = now }
        version += 1
        return id
    }
}
