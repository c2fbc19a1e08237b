import Foundation

/// Lets a ready response travel as the failure of a `Result` inside the sandbox's routing.
extension SandboxResponse: Error {}
