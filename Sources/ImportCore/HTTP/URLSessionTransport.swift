import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends requests with Foundation's `URLSession` (keep-alive connections, one session per client).
///
/// Tasks are driven through a session delegate rather than `data(for:)`, for three reasons:
/// - on Linux, a 401 carrying `WWW-Authenticate` makes FoundationNetworking wait for credentials
///   forever when nobody answers the challenge (swift-corelibs-foundation #5456); the delegate
///   declines every challenge and hands back the 401 as received, body included;
/// - redirects are never followed here: the delegate hands the 3xx back and `HTTPClient` checks
///   every hop (origin, scheme, policy) before it decides to follow;
/// - the body is counted as it arrives (after decompression) and the transfer is stopped once it
///   passes the limit, so a huge or compressed answer cannot fill the memory.
/// The whole exchange is bounded by `limits.timeout` (URLSession's own timeout only bounds idle gaps,
/// so a server trickling a byte a second would never time out).
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let delegate: TaskDelegate

    /// A transport keeping at most `maxConnectionsPerHost` connections to one host.
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

    /// Sends one request attempt within `limits`, without following redirects.
    public func send(_ request: HTTPRequest, limits: TransportLimits) async throws -> HTTPResponse {
        try await exchange(request, limits: limits)
    }

    /// Like `send`, and moves a 2xx body into the file at `path`. A download task writes the bytes to
    /// disk as they arrive, on the transfer's own thread (a data task would queue every chunk for the
    /// delegate, and the queue grows with the file when the disk or the delegate lags).
    public func download(_ request: HTTPRequest, to path: String, limits: TransportLimits) async throws
        -> HTTPResponse
    {
        try await exchange(request, limits: limits, destination: path)
    }

    private func exchange(_ request: HTTPRequest, limits: TransportLimits, destination: String? = nil) async throws
        -> HTTPResponse
    {
        let timeout = max(0.001, limits.timeout)
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let task: URLSessionTask =
            destination == nil ? session.dataTask(with: urlRequest) : session.downloadTask(with: urlRequest)
        let delegate = self.delegate
        let identifier = task.taskIdentifier
        // A timer outside Swift's task pool: it fires on time even when every pool thread is busy.
        // A timer source is released as soon as it is cancelled (a cancelled work item stayed queued
        // until its deadline with the task it held: a run of many small requests grew by about 11 KB
        // a task, to 180 MiB at 10,000 ClickUp tasks), and it holds the task weakly all the same.
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.setEventHandler { [weak task] in
            delegate.markTimedOut(identifier)
            task?.cancel()
        }
        timer.schedule(deadline: .now() + timeout)
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                delegate.register(
                    identifier, url: request.url,
                    limits: TransportLimits(timeout: timeout, maxBodyBytes: limits.maxBodyBytes),
                    destination: destination, continuation: continuation)
                timer.resume()
                // A task cancelled before it was resumed may never report back: answer for it here.
                if Task.isCancelled {
                    delegate.abandon(identifier)
                    task.cancel()
                    return
                }
                task.resume()
            }
        } onCancel: {
            delegate.abandon(identifier)
            task.cancel()
        }
    }

    /// Collects each task's response and body and resumes its caller when the task completes.
    final class TaskDelegate: NSObject, URLSessionDataDelegate, URLSessionDownloadDelegate, @unchecked Sendable {
        struct Pending {
            let url: URL
            let limits: TransportLimits
            let continuation: CheckedContinuation<HTTPResponse, any Error>
            var response: HTTPURLResponse?
            var body = Data()
            /// Where a download's 2xx body goes instead of `body`.
            var destination: String?
            var moveError: (any Error)?
            var challenged = false
            var tooLarge = false
            var timedOut = false
        }

        private let pending = Mutex<[Int: Pending]>([:])

        func register(
            _ identifier: Int, url: URL, limits: TransportLimits, destination: String? = nil,
            continuation: CheckedContinuation<HTTPResponse, any Error>
        ) {
            pending.withLock {
                $0[identifier] = Pending(url: url, limits: limits, continuation: continuation, destination: destination)
            }
        }

        /// Resumes the caller of a cancelled task with `CancellationError` (once: a later completion
        /// finds nothing left to resume).
        func abandon(_ identifier: Int) {
            pending.withLock { $0.removeValue(forKey: identifier) }?.continuation.resume(throwing: CancellationError())
        }

        func markTimedOut(_ identifier: Int) {
            pending.withLock { $0[identifier]?.timedOut = true }
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            let http = response as? HTTPURLResponse
            let refuse = pending.withLock { state -> Bool in
                state[dataTask.taskIdentifier]?.response = http
                // A declared length over the limit is refused before a byte of the body is read,
                // unless the body is compressed (the declared length is then the compressed one).
                guard let entry = state[dataTask.taskIdentifier], let http,
                    http.value(forHTTPHeaderField: "Content-Encoding") == nil,
                    response.expectedContentLength > Int64(entry.limits.maxBodyBytes)
                else { return false }
                state[dataTask.taskIdentifier]?.tooLarge = true
                return true
            }
            completionHandler(refuse ? .cancel : .allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let stop = pending.withLock { state -> Bool in
                guard var entry = state[dataTask.taskIdentifier], !entry.tooLarge else { return false }
                if entry.body.count + data.count > entry.limits.maxBodyBytes {
                    entry.tooLarge = true
                    entry.body = Data()
                    state[dataTask.taskIdentifier] = entry
                    return true
                }
                state[dataTask.taskIdentifier] = nil
                entry.body.append(data)
                state[dataTask.taskIdentifier] = entry
                return false
            }
            if stop { dataTask.cancel() }
        }

        func urlSession(
            _ session: URLSession, downloadTask: URLSessionDownloadTask, didWriteData bytesWritten: Int64,
            totalBytesWritten: Int64, totalBytesExpectedToWrite: Int64
        ) {
            // Every body written counts against the file limit (an error page is small), declared or not.
            let stop = pending.withLock { state -> Bool in
                guard let entry = state[downloadTask.taskIdentifier], !entry.tooLarge else { return false }
                let limit = Int64(entry.limits.maxBodyBytes)
                guard totalBytesWritten > limit || totalBytesExpectedToWrite > limit else { return false }
                state[downloadTask.taskIdentifier]?.tooLarge = true
                return true
            }
            if stop { downloadTask.cancel() }
        }

        func urlSession(
            _ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL
        ) {
            // The file at `location` is removed when this returns: move it now, or read an error page.
            let files = FileManager.default
            pending.withLock { state in
                guard var entry = state[downloadTask.taskIdentifier], let destination = entry.destination else {
                    return
                }
                let response = downloadTask.response as? HTTPURLResponse
                entry.response = entry.response ?? response
                if let status = response?.statusCode, (200..<300).contains(status), !entry.tooLarge {
                    do {
                        try? files.removeItem(atPath: destination)
                        try files.moveItem(at: location, to: URL(fileURLWithPath: destination))
                    } catch {
                        entry.moveError = error
                    }
                } else if let handle = try? FileHandle(forReadingFrom: location) {
                    entry.body = (try? handle.read(upToCount: min(entry.limits.maxBodyBytes, 1 << 16))) ?? Data()
                    try? handle.close()
                }
                state[downloadTask.taskIdentifier] = entry
            }
        }

        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) {
            // Never followed here: the 3xx goes back to the client, which checks the hop.
            completionHandler(nil)
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
            if let moveError = entry.moveError {
                entry.continuation.resume(throwing: moveError)
            } else if entry.tooLarge {
                entry.continuation.resume(throwing: TransportFailure.bodyTooLarge(limit: entry.limits.maxBodyBytes))
            } else if entry.timedOut {
                entry.continuation.resume(throwing: TransportFailure.timedOut(seconds: entry.limits.timeout))
            } else if let response = entry.response ?? (task.response as? HTTPURLResponse),
                error == nil || entry.challenged
            {
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
