/// An opaque position in a provider's record stream. The engine stores it verbatim with each
/// committed page; handing it back to the provider resumes right after that page, even in another
/// process days later (so it must not depend on server-side state that expires).
public struct PageCursor: Sendable, Hashable, CustomStringConvertible {
    /// The provider's opaque position.
    public let value: String

    /// A cursor holding `value`.
    public init(_ value: String) { self.value = value }

    /// The position as stored.
    public var description: String { value }
}
