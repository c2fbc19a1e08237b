import Foundation
import ImportCore

/// A request to stop the running command cleanly, and why: Ctrl-C, SIGTERM, or nobody reading the
/// output any more. The command's task is cancelled; an import finishes the page it is writing,
/// marks its job interrupted and says how to resume. A second request ends the process at once.
public final class StopRequest: Sendable {
    /// Why a command was asked to stop.
    public enum Reason: String, Sendable {
        /// Ctrl-C (SIGINT).
        case interrupt
        /// SIGTERM (a service manager, `kill`).
        case terminate
        /// The reader of stdout went away (`tributary demo | head -5`).
        case outputClosed

        /// The exit code a stop for this reason ends with (128 + the signal's number).
        public var exitCode: Int32 {
            switch self {
            case .interrupt: 130
            case .terminate: 143
            case .outputClosed: 141
            }
        }

        /// What stopped the run, as the job's record says it.
        public var description: String {
            switch self {
            case .interrupt: "stopped by Ctrl-C"
            case .terminate: "stopped by SIGTERM"
            case .outputClosed: "stopped because nobody reads the output any more"
            }
        }
    }

    private struct State {
        var reason: Reason?
        var onRequest: [@Sendable () -> Void] = []
    }

    private let state = Locked(State())

    /// A request that nothing has asked for yet.
    public init() {}

    /// The first reason a stop was asked for, if any.
    public var reason: Reason? { state.value.reason }

    /// Asks for a stop; the second ask (another Ctrl-C) ends the process at once.
    public func request(_ reason: Reason) {
        let (first, handlers) = state.update { state -> (Bool, [@Sendable () -> Void]) in
            guard state.reason == nil else { return (false, []) }
            state.reason = reason
            return (true, state.onRequest)
        }
        guard first else {
            if reason != .outputClosed { exit(reason.exitCode) }
            return
        }
        for handler in handlers { handler() }
    }

    /// Runs `handler` when a stop is asked for (at once if it already was).
    public func onRequest(_ handler: @escaping @Sendable () -> Void) {
        let already = state.update { state -> Bool in
            if state.reason != nil { return true }
            state.onRequest.append(handler)
            return false
        }
        if already { handler() }
    }
}
