extension ProviderError.Kind {
    /// The kind an HTTP status says, for answers whose body does not say better.
    public init(httpStatus code: Int) {
        switch code {
        case 401: self = .authentication
        case 403: self = .permission
        case 404, 410: self = .notFound
        case 400, 405, 409, 413, 414, 422: self = .badRequest
        case 429: self = .rateLimited
        default: self = code >= 500 ? .server : .invalidResponse
        }
    }
}
