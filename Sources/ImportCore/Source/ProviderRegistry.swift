/// The providers this build knows, by id. The CLI builds one with every provider target and lists it.
public struct ProviderRegistry: Sendable {
    private var byID: [String: any Provider] = [:]
    private var order: [String] = []

    /// A registry of `providers`, looked up by id.
    public init(_ providers: [any Provider] = []) {
        for provider in providers { register(provider) }
    }

    /// Adds or replaces a provider.
    public mutating func register(_ provider: any Provider) {
        let id = provider.descriptor.id
        if byID[id] == nil { order.append(id) }
        byID[id] = provider
    }

    /// Registered providers in registration order.
    public var all: [any Provider] { order.compactMap { byID[$0] } }

    /// The providers' ids, in registration order.
    public var ids: [String] { order }

    /// The provider with id `id` (any case).
    public func provider(_ id: String) -> (any Provider)? { byID[id.lowercased()] }

    /// The provider for `id`, or an error that lists the known ones.
    public func require(_ id: String) throws(ProviderError) -> any Provider {
        guard let provider = provider(id) else {
            throw ProviderError(
                provider: id, kind: .configuration, message: "unknown provider \"\(id)\"",
                hint: "Use one of: \(order.joined(separator: ", ")) (see `tributary providers`).")
        }
        return provider
    }
}
