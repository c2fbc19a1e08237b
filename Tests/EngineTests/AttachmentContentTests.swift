import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// `attachments: "content"`: every file's bytes in the content-addressed store with the recorded
/// size and digest, fetched through Jira Cloud's redirect to its media host without the credentials,
/// limited by the run's budget, and resumable without fetching a finished file again.
@Suite("Attachment content")
struct AttachmentContentTests {
    static func contentConfig(_ harness: ImportHarness, name: String = "run.json", extra: [String: JSONValue] = [:])
        throws -> String
    {
        var source: [String: JSONValue] = ["attachments": "content"]
        for (key, value) in extra { source[key] = value }
        return try harness.configFile(name: name, extraSource: source)
    }

    /// The source ids of the attachments whose content is stored.
    static func storedAttachments(_ harness: ImportHarness) throws -> Set<String> {
        Set(
            try harness.workspace.db.query("SELECT external_id FROM attachments WHERE content_sha256 IS NOT NULL")
                .compactMap { $0.string("external_id") })
    }

    @Test(
        "every file is on disk with its size and SHA-256; the media host never sees the token; a re-run fetches nothing"
    )
    func downloadsEverything() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 120))
        let config = try Self.contentConfig(harness)
        let report = try await harness.run(config)
        #expect(report.status == .completed)
        let facts = harness.sandbox.attachmentFacts
        #expect(facts.count > 30)
        #expect(report.attachmentContent?.stored == facts.count)
        #expect(report.attachmentContent?.missing.isEmpty == true)
        for fact in facts {
            let row = try #require(
                try harness.workspace.db.queryOne(
                    "SELECT content_sha256, content_size, content_path FROM attachments WHERE external_id = ?",
                    [.text(fact.id)]))
            #expect(row.string("content_sha256") == fact.sha256)
            #expect(row.int("content_size") == fact.size)
            let path = try #require(row.string("content_path"))
            #expect(path.hasSuffix("/" + fact.sha256))
            #expect(SHA256.fileDigest(path: path)?.hex == fact.sha256)
        }
        let media = harness.sandbox.mediaRequestLog
        #expect(media.count == facts.count, "each file came through the redirect to the media host")
        #expect(media.allSatisfy { $0.authorization == nil }, "the credentials stay on the site's origin")

        harness.sandbox.resetRequestCounts()
        let again = try await harness.run(config)
        #expect(again.attachmentContent?.stored == 0)
        #expect(harness.sandbox.requestCounts["GET /rest/api/3/attachment/content/{id}", default: 0] == 0)
        #expect(harness.sandbox.mediaRequestLog.count == facts.count)
    }

    @Test("over the run's budget: the rest is listed with the reason and fetched by the next run")
    func budget() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 80))
        let tight = try Self.contentConfig(harness, name: "tight.json", extra: ["attachmentBudgetMegabytes": 1])
        let first = try await harness.run(tight)
        let content = try #require(first.attachmentContent)
        let facts = harness.sandbox.attachmentFacts
        #expect(content.stored < facts.count && content.bytes <= 1 << 20)
        #expect(content.stored + content.missing.count == facts.count, "every file is stored or listed")
        #expect(content.missing.allSatisfy { $0.reason.contains("budget") && $0.task != nil })
        #expect(first.warnings.contains { $0.contains("could not be fetched") })
        let stored = try harness.count("attachments", "content_sha256 IS NOT NULL")
        #expect(stored == content.stored)

        let roomy = try Self.contentConfig(harness, name: "roomy.json")
        let second = try await harness.run(roomy)
        #expect(second.attachmentContent?.stored == facts.count - stored)
        #expect(try harness.count("attachments", "content_sha256 IS NULL") == 0)
    }

    @Test("Data Center serves the bytes itself")
    func dataCenter() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 60, deployment: .dataCenter))
        let report = try await harness.run(try Self.contentConfig(harness))
        #expect(report.attachmentContent?.stored == harness.sandbox.attachmentFacts.count)
        #expect(harness.sandbox.mediaRequestLog.isEmpty)
    }

    @Test("killed during downloads: the next run fetches only what had not finished")
    func resumeAfterKill() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 120))
        let config = try Self.contentConfig(harness, extra: ["attachmentConcurrency": 2])
        harness.sandbox.setMediaDelay(0.05)
        let run = Task { try await harness.run(config) }
        var finished = 0
        for _ in 0..<400 {
            try await Task.sleep(nanoseconds: 20_000_000)
            finished = try harness.count("attachments", "content_sha256 IS NOT NULL")
            if finished >= 6 { break }
        }
        run.cancel()
        _ = try? await run.value
        let done = try Self.storedAttachments(harness)
        #expect(done.count >= 6 && done.count < harness.sandbox.attachmentFacts.count)
        let before = harness.sandbox.mediaRequestLog.count
        harness.sandbox.setMediaDelay(0)
        let resumed = try await harness.run(config)
        #expect(resumed.status == .completed)
        let refetched = harness.sandbox.mediaRequestLog.dropFirst(before).filter { done.contains($0.file) }
        #expect(refetched.isEmpty, "finished files are never fetched again")
        #expect(try harness.count("attachments", "content_sha256 IS NULL") == 0)
        let staging = harness.workspace.contentStore.folder + "/staging"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? []).isEmpty)
    }

    @Test("SIGKILL of tributary run during downloads: the next run fetches only what had not finished")
    func sigkill() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 120))
        let config = try Self.contentConfig(harness, extra: ["attachmentConcurrency": 2])
        harness.sandbox.setMediaDelay(0.05)
        let killed = try await CLIProcess.runAndKill(["run", config, "--quiet"], environment: harness.environment) {
            try harness.count("attachments", "content_sha256 IS NOT NULL") >= 5
        }
        #expect(killed.signalled, "killed while downloading: \(killed.stdout)")
        let done = try Self.storedAttachments(harness)
        #expect(done.count >= 5 && done.count < harness.sandbox.attachmentFacts.count)
        let before = harness.sandbox.mediaRequestLog.count
        harness.sandbox.setMediaDelay(0)
        let resumed = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        #expect(resumed.status == 0, "\(resumed.stdout)\n\(resumed.stderr)")
        #expect(resumed.stdout.contains("attachment files:"), "\(resumed.stdout)")
        let refetched = harness.sandbox.mediaRequestLog.dropFirst(before).filter { done.contains($0.file) }
        #expect(refetched.isEmpty, "finished files are never fetched again")
        for fact in harness.sandbox.attachmentFacts {
            let stored = try harness.workspace.db.scalar(
                "SELECT content_sha256 FROM attachments WHERE external_id = ?", [.text(fact.id)]
            ).stringValue
            #expect(stored == fact.sha256)
        }
    }
}
