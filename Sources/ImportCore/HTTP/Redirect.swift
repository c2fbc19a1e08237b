import Foundation

/// Where a redirect leads and whether a request may follow it: every hop is checked against
/// `URLPolicy`, HTTPS never steps down to plain HTTP, loops end, and credentials never travel to
/// another origin (the request's `RedirectRule` says whether such a hop is refused or followed
/// without them).
enum Redirect {
    /// The statuses that redirect (304 Not Modified does not).
    static func isRedirect(_ status: Int) -> Bool { [301, 302, 303, 307, 308].contains(status) }

    /// The request for the next hop, or `HTTPError.redirectRefused` saying why there is none.
    static func next(
        after request: HTTPRequest, response: HTTPResponse, location: String, visited: Set<String>,
        redactor: Redactor
    ) throws(HTTPError) -> HTTPRequest {
        let from = redactor.redact(request.url)
        guard let target = URL(string: location, relativeTo: request.url)?.absoluteURL, target.host != nil else {
            throw .redirectRefused(
                from: from, to: redactor.redact(location), reason: "the Location header is not a URL")
        }
        func refuse(_ reason: String) -> HTTPError {
            .redirectRefused(from: from, to: redactor.redact(target), reason: reason)
        }
        if request.redirects == .never { throw refuse("this request does not follow redirects") }
        do {
            try URLPolicy.checkRequestURL(target)
        } catch {
            throw refuse(error.message)
        }
        if request.url.scheme?.lowercased() == "https" && target.scheme?.lowercased() != "https" {
            throw refuse("it steps down from HTTPS to plain HTTP")
        }
        if visited.contains(target.absoluteString) { throw refuse("it loops back to a URL already visited") }
        var next = request
        next.url = target
        if !sameOrigin(request.url, target) {
            switch request.redirects {
            case .never, .sameOrigin:
                throw refuse(
                    "it leads to another origin, and credentials are only ever sent to the site they belong to; if the site has moved, connect again with its new URL"
                )
            case .anyOriginWithoutCredentials:
                next.headers["Authorization"] = nil
                next.headers["Cookie"] = nil
            }
        }
        let becomesGET =
            response.status == 303
            ? request.method != "HEAD" : [301, 302].contains(response.status) && request.method == "POST"
        if becomesGET {
            next.method = "GET"
            next.body = nil
            next.headers["Content-Type"] = nil
        }
        return next
    }

    /// Whether two URLs share scheme, host and port (the default port counted when none is written).
    static func sameOrigin(_ left: URL, _ right: URL) -> Bool {
        func origin(_ url: URL) -> (String, String, Int) {
            let scheme = url.scheme?.lowercased() ?? ""
            return (scheme, url.host?.lowercased() ?? "", url.port ?? (scheme == "https" ? 443 : 80))
        }
        return origin(left) == origin(right)
    }
}
