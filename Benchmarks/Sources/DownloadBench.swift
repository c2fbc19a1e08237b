import Foundation
import ImportCore
import ProviderSandbox

/// `tributary-bench --download MEGABYTES`: one attachment of that size through a redirect to a second
/// loopback server (as Jira Cloud's media host), streamed to a file by `HTTPClient.download`. The
/// server's copy of the bytes is allocated before the baseline is read, so the growth of the
/// process's peak resident memory during the transfer is the client's own.
extension Benchmark {
    static func measureDownload(megabytes: Int) async throws {
        let body = Data(repeating: 0x5A, count: megabytes << 20)
        let media = try SandboxServer { _ in
            SandboxResponse(
                status: 200, headers: ["Content-Type": "application/octet-stream"], body: body,
                pacing: .trickle(bytes: 1 << 20, interval: 0))
        }
        defer { media.stop() }
        let site = try SandboxServer { _ in
            SandboxResponse(status: 303, headers: ["Location": media.baseURL + "/file/1?token=t"])
        }
        defer { site.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tributary-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("file").path
        let client = HTTPClient(credentials: .emailToken(email: "bench@example.test", token: "bench-token-0123456789"))
        guard let url = URL(string: site.baseURL + "/rest/api/3/attachment/content/1") else { return }
        let before = memory("VmRSS")
        let started = Date()
        _ = try await client.download(
            HTTPRequest(url: url, redirects: .anyOriginWithoutCredentials), to: path, maxBytes: (megabytes + 1) << 20,
            seconds: 3600)
        let seconds = Date().timeIntervalSince(started)
        let peak = memory("VmHWM")
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let digest = SHA256.fileDigest(path: path)?.hex.prefix(12) ?? "?"
        print(
            """
            | file | seconds | MB/s | RSS before (MiB) | peak RSS (MiB) | growth (MiB) | bytes on disk | sha256 |
            |---|---|---|---|---|---|---|---|
            | \(megabytes) MiB | \(String(format: "%.2f", seconds)) | \(String(format: "%.0f", Double(megabytes) / seconds)) | \(before >> 10) | \(peak >> 10) | \((peak - before) >> 10) | \(size) | \(digest)… |
            """)
    }

    /// A `/proc/self/status` figure in KiB (`VmRSS` now, `VmHWM` the peak so far).
    static func memory(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        return 0
    }
}
