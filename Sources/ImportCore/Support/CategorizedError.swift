/// An error that says which `ErrorCategory` it belongs to.
public protocol CategorizedError: Error {
    /// The failure's category.
    var category: ErrorCategory { get }
}
