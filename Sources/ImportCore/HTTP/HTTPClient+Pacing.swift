import Foundation

extension HTTPClient {
    /// What held this client's pace back so far: its adaptive concurrency's summary.
    public var pacing: AdaptiveConcurrency.Summary {
        get async { await concurrency.current }
    }

    /// What an attempt's outcome says about the server's load.
    static func signal(_ outcome: Result<HTTPResponse, any Error>, seconds: Double) -> AdaptiveConcurrency.Signal {
        guard case .success(let response) = outcome else { return .noAnswer }
        switch response.status {
        case 429, 503: return .throttled
        case 500...599: return .serverError
        default: return .clean(seconds: seconds)
        }
    }
}
