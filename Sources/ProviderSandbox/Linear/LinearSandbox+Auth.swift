import ImportCore

// Who a request is: a personal API key as the whole header, or an OAuth token after `Bearer `.
extension LinearSandbox {
    /// Whether a request may go on, or the answer that refuses it.
    enum Authentication {
        case accepted
        case rejected(SandboxResponse)
    }

    func authenticate(_ request: SandboxRequest) -> Authentication {
        let header = (request.header("authorization") ?? "").trimmingCharacters(in: .whitespaces)
        if header == config.apiKey || header == "Bearer \(config.oauthToken)" { return .accepted }
        if header.hasPrefix("Bearer lin_api_") {
            // Linear's words, recorded (../shared/ref/linear/error-api-key-sent-as-bearer.json).
            return .rejected(
                Self.errors(
                    [
                        GraphQLError(
                            message:
                                "It looks like you're trying to use an API key as a Bearer token. Remove the Bearer prefix from the Authorization header."
                        )
                    ], status: 400))
        }
        return .rejected(
            Self.errors(
                [
                    GraphQLError(
                        message: "Authentication required, not authenticated",
                        extensions: [
                            "code": "AUTHENTICATION_ERROR", "type": "authentication error", "userError": true,
                            "userPresentableMessage": "You need to authenticate to access this operation.",
                            "http": ["status": 401],
                        ])
                ], status: 400))
    }
}
