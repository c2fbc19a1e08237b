import Synchronization

/// What happened to one request.
public enum InjectedFault: String, Sendable, Hashable, CaseIterable {
    case rateLimited, serverError500, unavailable503, droppedMidBody, truncatedJSON
}
