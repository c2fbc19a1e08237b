import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// The emulator's answer with its JSON body rewritten by `change`.
private func rewrite(_ response: SandboxResponse, _ change: (inout [String: JSONValue]) -> Void) -> SandboxResponse {
    guard let body = try? JSONParser.parse(response.body), case .object(var object) = body else { return response }
    change(&object)
    var rewritten = response
    rewritten.body = JSONWriter().data(.object(object))
    return rewritten
}

private func isSearch(_ request: SandboxRequest) -> Bool {
    request.method == "POST" && (request.path.hasSuffix("/search/jql") || request.path.hasSuffix("/api/2/search"))
}

/// Whether a search asks only for ids (the delete reconciliation's listing).
private func isIDListing(_ request: SandboxRequest) -> Bool {
    isSearch(request) && (try? JSONParser.parse(request.body))?["fields"] == ["id"]
}

/// A Jira that lies: ids no integer type holds, pages that never end, answers of the wrong shape.
/// Runs go through the built binary, so a trap shows as a killed child instead of killing the tests.
@Suite("Hostile source: lying pages and ids")
struct HostileJiraTests {
    static func jobs(_ harness: ImportHarness) throws -> [ImportJob] {
        try harness.workspace.jobs.list(owner: harness.owner, limit: 100)
    }

    @Test("an issue id of 9223372036854775807 (as text and as a number) never traps, nor poisons the next run")
    func hugeIDs() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 60))
        let config = try harness.configFile(extraSource: ["pageSize": 10])
        harness.sandbox.intercept { request, emulator in
            guard isSearch(request), !isIDListing(request) else { return emulator() }
            var answer = rewrite(emulator()) { page in
                guard case .array(var issues)? = page["issues"], issues.count >= 2,
                    case .object(var last)? = issues.last, case .object(var first)? = issues.first
                else { return }
                last["id"] = "9223372036854775807"
                first["id"] = "HUGE-NUMBER"
                issues[issues.count - 1] = .object(last)
                issues[0] = .object(first)
                page["issues"] = .array(issues)
            }
            // The same id as a JSON number, which no Double holds exactly.
            answer.body = Data(
                String(decoding: answer.body, as: UTF8.self).replacingOccurrences(
                    of: #""HUGE-NUMBER""#, with: "9223372036854775807"
                ).utf8)
            return answer
        }
        let hostile = try await CLIProcess.run(
            ["run", config, "--quiet"], environment: harness.environment, timeout: 60)
        #expect(!hostile.signalled, "the run crashed: \(hostile.stderr)")
        #expect([0, 1, 4].contains(hostile.status), "\(hostile.status): \(hostile.stderr)")
        #expect(try Self.jobs(harness).allSatisfy { $0.status != .running })
        harness.sandbox.intercept(nil)
        let healthy = try await CLIProcess.run(
            ["run", config, "--quiet"], environment: harness.environment, timeout: 60)
        #expect(!healthy.signalled && healthy.status == 0, "\(healthy.status): \(healthy.stderr)")
        #expect(try Self.jobs(harness).allSatisfy { $0.status != .running })
    }

    @Test(
        "pages that never end (empty with isLast false, a repeating token, an offset that never moves) stop with a clear error"
    )
    func endlessPages() async throws {
        let cloud = try await ImportHarness(JiraSandboxConfig(issues: 30))
        let dataCenter = try await ImportHarness(JiraSandboxConfig(issues: 30, deployment: .dataCenter))
        let firstAnswer = Locked<SandboxResponse?>(nil)
        let dataCenterFirst = Locked<SandboxResponse?>(nil)
        let cases: [(String, ImportHarness, JiraSandbox.Interceptor)] = [
            (
                "empty pages, isLast false", cloud,
                { request, emulator in
                    guard isSearch(request) else { return emulator() }
                    return .json(200, #"{"issues":[],"isLast":false,"nextPageToken":"more-\#(UUID().uuidString)"}"#)
                }
            ),
            (
                "the same page and token again and again", cloud,
                { request, emulator in
                    guard isSearch(request) else { return emulator() }
                    let answer = firstAnswer.update { first -> SandboxResponse in
                        if let first { return first }
                        first = rewrite(emulator()) { page in
                            page["isLast"] = false
                            page["nextPageToken"] = "always-the-same"
                        }
                        return first!
                    }
                    return answer
                }
            ),
            (
                "an offset page served again whatever startAt says", dataCenter,
                { request, emulator in
                    guard isSearch(request) else { return emulator() }
                    return dataCenterFirst.update { first -> SandboxResponse in
                        if first == nil { first = emulator() }
                        return first!
                    }
                }
            ),
            (
                "an offset page that is empty although more issues match", dataCenter,
                { request, emulator in
                    guard isSearch(request) else { return emulator() }
                    let start = (try? JSONParser.parse(request.body))?["startAt"]?.intValue ?? 0
                    return .json(200, #"{"startAt":\#(start),"maxResults":50,"total":100000,"issues":[]}"#)
                }
            ),
        ]
        for (name, harness, interceptor) in cases {
            harness.sandbox.intercept(interceptor)
            // The search chain, whatever the machine's speed (fetching in bulk would be chosen on a
            // slow answer); the lying bulk fetch has its own case below.
            let config = try harness.configFile(extraSource: ["pageSize": 10, "bulkFetch": "never"])
            let result = try await CLIProcess.run(
                ["run", config, "--quiet"], environment: harness.environment, timeout: 40)
            #expect(!result.signalled, "\(name): still running after 40 s")
            #expect(result.status == 1, "\(name): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("no progress"), "\(name): \(result.stderr)")
            #expect(try Self.jobs(harness).allSatisfy { $0.status != .running })
            harness.sandbox.intercept(nil)
        }
    }

    @Test("Data Center: a search for listed ids that answers with other issues stops the run, nothing written from it")
    func dataCenterFetchAnswersOthers() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 30, deployment: .dataCenter))
        let listing = Locked<SandboxResponse?>(nil)
        harness.sandbox.intercept { request, emulator in
            guard isSearch(request) else { return emulator() }
            // Every search gets the first one's answer: the id listing, whatever ids it asks for.
            return listing.update { first -> SandboxResponse in
                if first == nil { first = emulator() }
                return first!
            }
        }
        let config = try harness.configFile(extraSource: ["pageSize": 10, "bulkFetch": "always"])
        let result = try await CLIProcess.run(
            ["run", config, "--quiet"], environment: harness.environment, timeout: 40)
        #expect(result.status == 1, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("answered with others"), "\(result.stderr)")
        #expect(try harness.count("tasks") == 0)
    }

    @Test("a malformed page is an error, and delete reconciliation never runs on a listing not known to be whole")
    func malformedPages() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 40))
        let config = try harness.configFile(extraSource: ["reconcileDeletes": true])
        #expect(try await harness.run(config).counts.created == 40)
        let cases: [(String, JiraSandbox.Interceptor)] = [
            (
                "issues is an object",
                { request, emulator in isSearch(request) ? .json(200, #"{"issues":{"a":1},"isLast":true}"#) : emulator()
                }
            ),
            (
                "issues missing",
                { request, emulator in isSearch(request) ? .json(200, #"{"isLast":true}"#) : emulator() }
            ),
            (
                "the id listing is malformed",
                { request, emulator in
                    isIDListing(request) ? .json(200, #"{"issues":"none","isLast":true}"#) : emulator()
                }
            ),
            (
                "the id listing has entries that are not issues",
                { request, emulator in
                    isIDListing(request) ? .json(200, #"{"issues":[1,2],"isLast":true}"#) : emulator()
                }
            ),
            (
                "the id listing has an issue without an id",
                { request, emulator in
                    isIDListing(request) ? .json(200, #"{"issues":[{"key":"X-1"}],"isLast":true}"#) : emulator()
                }
            ),
            (
                "the id listing stops without saying it is the last page",
                { request, emulator in
                    isIDListing(request) ? rewrite(emulator()) { $0["isLast"] = nil } : emulator()
                }
            ),
        ]
        for (name, interceptor) in cases {
            harness.sandbox.intercept(interceptor)
            let result = try await CLIProcess.run(
                ["run", config, "--quiet"], environment: harness.environment, timeout: 40)
            #expect(result.status == 1, "\(name): \(result.status) \(result.stdout) \(result.stderr)")
            #expect(
                result.stderr.contains("unexpected answer") || result.stderr.contains("malformed"),
                "\(name): \(result.stderr)")
            #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == 0, "\(name): tasks were marked deleted")
            #expect(try Self.jobs(harness).allSatisfy { $0.status != .running })
        }
        harness.sandbox.intercept(nil)
        let healthy = try await CLIProcess.run(
            ["run", config, "--quiet"], environment: harness.environment, timeout: 40)
        #expect(healthy.status == 0, "\(healthy.stderr)")
        #expect(try harness.count("tasks", "deleted_at IS NULL") == 40)
    }

    @Test("numbers too large for a double (1e400) are a per-record failure, never stored as inf")
    func hugeNumbers() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 6))
        let ids = harness.sandbox.issueIDs
        let updated = "2031-01-01T00:00:00.000+0000"
        let bodies = [
            #"{"id":"\#(ids[0])","key":"HUGE-1","fields":{"summary":1e400,"updated":"\#(updated)"}}"#,
            #"{"id":"\#(ids[1])","key":"HUGE-2","fields":{"summary":"ok","customfield_10016":1e400,"updated":"\#(updated)"}}"#,
            #"{"id":"\#(ids[2])","key":"HUGE-3","fields":{"summary":"ok","updated":"\#(updated)","worklog":{"total":1,"worklogs":[{"id":"7","timeSpentSeconds":-1e999}]}}}"#,
        ]
        for (id, body) in zip(ids, bodies) { harness.sandbox.replaceIssueJSON(id: id, with: Array(body.utf8)) }
        let report = try await harness.run(try harness.configFile())
        #expect(report.counts.failed == 3, "\(report.failures)")
        #expect(report.failures.allSatisfy { $0.reason.contains("too large to hold") }, "\(report.failures)")
        for table in ["tasks", "worklogs"] {
            for row in try harness.workspace.db.query("SELECT * FROM \(table)") {
                for value in row.values {
                    switch value {
                    case .real(let number): #expect(number.isFinite, "\(table): \(number)")
                    case .text(let text): #expect(!["inf", "-inf", "nan"].contains(text.lowercased()), "\(table)")
                    default: break
                    }
                }
            }
        }
    }

    @Test("an issue id holding spaces, slashes or dots travels as one escaped path segment, never traps")
    func idsThatAreNoPathSegment() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 4))
        let ids = harness.sandbox.issueIDs
        let updated = "2031-01-01T00:00:00.000+0000"
        let hostileID = "7 8/../../../myself?x=#"
        let body =
            #"{"id":"\#(hostileID)","key":"ODD-1","fields":{"summary":"odd","updated":"\#(updated)","comment":{"total":5,"maxResults":1,"startAt":0,"comments":[]}}}"#
        harness.sandbox.replaceIssueJSON(id: ids[0], with: Array(body.utf8))
        let paths = Locked<[String]>([])
        harness.sandbox.intercept { request, emulator in
            paths.update { $0.append(request.rawPath) }
            return emulator()
        }
        let result = try await CLIProcess.run(
            ["run", try harness.configFile(), "--quiet"], environment: harness.environment, timeout: 60)
        harness.sandbox.intercept(nil)
        #expect(!result.signalled, "the run crashed: \(result.stderr)")
        #expect([0, 1, 4].contains(result.status), "\(result.status): \(result.stderr)")
        let commentPaths = paths.value.filter { $0.hasSuffix("/comment") }
        #expect(
            commentPaths.contains { $0.contains("/issue/7%208%2F..%2F..%2F..%2Fmyself%3Fx%3D%23/comment") },
            "\(commentPaths)")
        #expect(!paths.value.contains { $0.contains("/../") }, "\(paths.value)")
    }
}
