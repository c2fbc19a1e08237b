/// An opaque position in a provider's record stream. The engine stores it verbatim with each
/// committed page; handing it back to the provider resumes right after that page, even in another
/// process days later (so it must not depend on server-side state that expires).
public struct PageCursor: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { value }
}
