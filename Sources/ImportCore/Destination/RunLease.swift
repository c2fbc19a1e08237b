/// Held while a run goes on: the destination's exclusive claim on running one config (see
/// `ImportDestination.acquireRunLease`). Released when the last reference to it goes.
public protocol RunLease: AnyObject, Sendable {}
