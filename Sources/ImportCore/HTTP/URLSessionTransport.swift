import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends requests with Foundation's `URLSession` (keep-alive connections, one session per client).
///
/// Tasks are driven through a session delegate rather than `data(for:)`: on Linux, a 401 carrying
/// `WWW-Authenticate` makes FoundationNetworking wait for credentials forever when nobody answers
/// the challenge (swift-corelibs-foundation #5456). The delegate answers every challenge by declining
/// it and hands back the 401 as received, body included, so Jira's own message reaches the user.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let delegate: TaskDelegate

    public init(maxConnectionsPerHost: Int = 4) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnectionsPerHost)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        queue.name = "tributary.http.delegate"
        delegate = TaskDelegate()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: HTTPRequest, timeout: Double) async throws -> HTTPResponse {
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let task = session.dataTask(with: urlRequest)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.register(task.taskIdentifier, url: request.url, continuation: continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    /// Collects each task's response and body and resumes its caller when the task completes.
    final class TaskDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        struct Pending {
            let url: URL
            let continuation: CheckedContinuation<HTTPResponse, any Error>
            var response: HTTPURLResponse?
            var body = Data()
            var challenged = false
        }

        private let pending = Mutex<[Int: Pending]>([:])

        func register(_ identifier: Int, url: URL, continuation: CheckedContinuation<HTTPResponse, any Error>) {
            pending.withLock { $0[identifier] = Pending(url: url, continuation: continuation) }
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            pending.withLock { $0[dataTask.taskIdentifier]?.response = response as? HTTPURLResponse }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            pending.withLock { $0[dataTask.taskIdentifier]?.body.append(data) }
        }

        func urlSession(
            _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
            completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
        ) {
            // Credentials travel in our own Authorization header; a challenge means they were refused.
            pending.withLock { state in
                state[task.taskIdentifier]?.challenged = true
                if state[task.taskIdentifier]?.response == nil {
                    state[task.taskIdentifier]?.response = challenge.failureResponse as? HTTPURLResponse
                }
            }
            completionHandler(.cancelAuthenticationChallenge, nil)
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            guard let entry = pending.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
            if let response = entry.response, error == nil || entry.challenged {
                var headers: [String: String] = [:]
                for (key, value) in response.allHeaderFields {
                    if let name = key as? String, let text = value as? String { headers[name.lowercased()] = text }
                }
                entry.continuation.resume(
                    returning: HTTPResponse(
                        status: response.statusCode, headers: headers, body: entry.body, url: response.url ?? entry.url)
                )
            } else {
                entry.continuation.resume(throwing: error ?? URLError(.badServerResponse))
            }
        }
    }
}
