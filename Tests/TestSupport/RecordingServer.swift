import Foundation
import ImportCore
import ProviderSandbox

/// A loopback server that answers with `respond` and keeps every request it received, so a test can
/// check what reached it (an `Authorization` header that must never arrive, say).
public final class RecordingServer: Sendable {
    public let server: SandboxServer
    private let received = Locked<[SandboxRequest]>([])

    /// Serves on an ephemeral 127.0.0.1 port.
    public init(_ respond: @escaping @Sendable (SandboxRequest) -> SandboxResponse) throws {
        let received = self.received
        server = try SandboxServer { request in
            received.update { $0.append(request) }
            return respond(request)
        }
    }

    deinit { server.stop() }

    /// `http://127.0.0.1:<port>`
    public var url: String { server.baseURL }

    /// Every request received so far, oldest first.
    public var requests: [SandboxRequest] { received.value }

    /// The `Authorization` headers received (one per request that carried one).
    public var authorizationHeaders: [String] { requests.compactMap { $0.header("authorization") } }

    /// A redirect answer to `location`.
    public static func redirect(_ status: Int, to location: String) -> SandboxResponse {
        SandboxResponse(status: status, headers: ["Location": location])
    }
}
