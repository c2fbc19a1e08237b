import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into stop requests and makes a closed output pipe an error to handle
/// rather than a signal that kills the process (SIGPIPE ignored).
public enum SignalTrap {
    /// Installs the handlers; call once, from `main`, and keep what it returns alive as long as
    /// signals should be trapped.
    public static func install(_ stop: StopRequest) -> [any DispatchSourceSignal] {
        signal(SIGPIPE, SIG_IGN)
        var sources: [any DispatchSourceSignal] = []
        for (number, reason) in [(SIGINT, StopRequest.Reason.interrupt), (SIGTERM, .terminate)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.request(reason) }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}
