import Synchronization

/// Deliveries accepted and not yet applied: a bounded queue (a full one refuses, so the sender
/// retries later) and the identifiers of recent deliveries (a duplicate is acknowledged, not queued).
final class WebhookInbox: Sendable {
    /// What became of a delivery.
    enum Offer: Equatable {
        case queued, duplicate, full
    }

    private struct State {
        var queue: [WebhookEvent] = []
        var seen: Set<String> = []
        var seenOrder: [String] = []
    }

    /// Events held at most.
    let capacity: Int
    /// Delivery identifiers remembered for duplicates.
    let remembered: Int
    private let state = Mutex(State())

    init(capacity: Int = 1000, remembered: Int = 10_000) {
        self.capacity = capacity
        self.remembered = remembered
    }

    /// Queues `event` (`nil`: a delivery that names no issue, only remembered), unless its delivery
    /// `identifier` came before or the queue is full.
    func offer(_ event: WebhookEvent?, identifier: String?) -> Offer {
        state.withLock { state -> Offer in
            if let identifier, state.seen.contains(identifier) { return .duplicate }
            if event != nil, state.queue.count >= capacity { return .full }
            if let identifier {
                state.seen.insert(identifier)
                state.seenOrder.append(identifier)
                if state.seenOrder.count > remembered { state.seen.remove(state.seenOrder.removeFirst()) }
            }
            if let event { state.queue.append(event) }
            return .queued
        }
    }

    /// Takes the oldest queued events, at most `limit` (empty when none wait).
    func drain(limit: Int) -> [WebhookEvent] {
        state.withLock { state in
            let batch = Array(state.queue.prefix(limit))
            state.queue.removeFirst(batch.count)
            return batch
        }
    }

    /// How many events wait.
    var count: Int { state.withLock { $0.queue.count } }
}
