import Foundation
import Testing

@testable import ProviderSandbox

/// The one world every façade renders: deterministic, and changed only by the mutations tests ask for.
@Suite("Sandbox world")
struct SandboxWorldTests {
    static func config(items: Int, seed: UInt64 = 42, containers: Int = 2) -> WorldConfig {
        WorldConfig(
            items: items, containers: containers, containerKeys: nil, seed: seed, tokenEmail: "me@example.com",
            tokenTimeZone: "UTC")
    }

    /// Everything about an item that a façade renders, as one comparable text.
    static func fingerprint(_ world: SandboxWorld) -> [String] {
        world.issues.values.sorted { $0.id < $1.id }.map { item in
            [
                item.key, item.type, String(item.status), item.summary, String(item.updated),
                item.comments.map { "\($0.id):\($0.replyTo ?? 0)" }.joined(separator: ","),
                String(item.worklogs.count), String(item.attachments.count),
                item.history.map { "\($0.field)=\($0.to ?? "")" }.joined(separator: ","),
            ].joined(separator: "|")
        } + world.links.map { "\($0.kind.rawValue):\($0.from)->\($0.to)" }
    }

    @Test("one config makes one world; another seed another")
    func deterministic() {
        let one = Self.fingerprint(SandboxWorld(config: Self.config(items: 300)))
        #expect(one == Self.fingerprint(SandboxWorld(config: Self.config(items: 300))))
        #expect(one != Self.fingerprint(SandboxWorld(config: Self.config(items: 300, seed: 43))))
    }

    @Test("the world holds what migrations need: threads, links, histories, hidden emails, long histories")
    func richness() {
        let world = SandboxWorld(config: Self.config(items: 300))
        let items = Array(world.issues.values)
        #expect(items.contains { item in item.comments.contains { $0.replyTo != nil } })
        #expect(!world.links.isEmpty)
        #expect(
            world.links.allSatisfy { world.issues[$0.from] != nil && world.issues[$0.to] != nil && $0.from != $0.to })
        #expect(items.contains { $0.history.count >= 100 }, "an item with a long history (pagination)")
        #expect(world.users.contains { $0.email == nil })
        #expect(Set(items.map(\.type)).isSuperset(of: ["Epic", "Sub-task", "Story"]))
        let replies = items.flatMap { item in item.comments.compactMap { c in c.replyTo.map { (item, $0) } } }
        #expect(replies.allSatisfy { item, parent in item.comments.contains { $0.id == parent } })
    }

    @Test("an update changes exactly the items it names, later than anything before, with a status change")
    func updates() throws {
        var world = SandboxWorld(config: Self.config(items: 100))
        let before = world.issues
        let latest = before.values.map(\.updated).max() ?? 0
        let changed = world.update(count: 5, leavesOnly: true)
        #expect(Set(changed).count == 5)
        for id in world.issues.keys {
            let old = try #require(before[id])
            let new = try #require(world.issues[id])
            if changed.contains(id) {
                #expect(new.updated > latest && new.summary.hasPrefix("[edited] "))
                #expect(new.history.last?.field == "status" && new.history.last?.from == String(old.status))
            } else {
                #expect(new.updated == old.updated && new.summary == old.summary)
            }
        }
    }

    @Test("a delete takes subtasks along and the links of what it removed")
    func deletes() {
        var world = SandboxWorld(config: Self.config(items: 300))
        let removed = Set(world.delete(count: 40))
        #expect(removed.count >= 40)
        #expect(removed.allSatisfy { world.issues[$0] == nil })
        #expect(world.issues.values.allSatisfy { $0.parent.map { !removed.contains($0) } ?? true })
        #expect(world.links.allSatisfy { !removed.contains($0.from) && !removed.contains($0.to) })
    }

    @Test("a move keeps the id, gives a new key in the next container, and remembers the old key")
    func moves() throws {
        var world = SandboxWorld(config: Self.config(items: 60, containers: 3))
        let before = world.issues
        let moved = world.move(count: 4)
        #expect(moved.count == 4)
        for id in moved {
            let old = try #require(before[id])
            let new = try #require(world.issues[id])
            #expect(new.project == (old.project + 1) % 3)
            #expect(new.key.hasPrefix(world.projects.key(new.project) + "-"))
            #expect(new.previousKeys == [old.key])
            #expect(new.history.last?.field == "Key" && new.history.last?.from == old.key)
        }
        let index = WorldIndex(world)
        #expect(moved.allSatisfy { id in world.issues[id].map { index.byKey[$0.previousKeys[0]] == id } ?? false })
        #expect(Set(world.issues.values.map(\.key)).count == world.issues.count, "keys stay unique")
        var single = SandboxWorld(config: Self.config(items: 10, containers: 1))
        #expect(single.move(count: 3).isEmpty, "with one container there is nowhere to move")
    }
}
