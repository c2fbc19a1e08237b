import Foundation

/// When a scheduled config runs next: its interval with a little jitter (so many schedulers started
/// together do not hit a source at the same second), or sooner after a failure, backing off
/// exponentially up to the interval; and which runs also reconcile deletes.
struct SyncTiming: Sendable {
    /// Seconds between runs.
    let every: Double
    /// The largest share of `every` a run moves earlier or later (0.1: ±10 %).
    let jitter: Double
    /// Every how many runs one is a full run that reconciles deletes (0: never).
    let reconcileEvery: Int

    /// The first wait after a failure: a tenth of the interval, from 1 s to 5 min.
    var firstBackoff: Double { min(300, max(1, every / 10)) }

    /// Seconds until the next run after `failuresInRow` failed runs in a row; `unit` (0…1) picks
    /// where in the jitter the run lands.
    func delay(failuresInRow: Int, unit: Double) -> Double {
        let base: Double
        if failuresInRow > 0 {
            let doubling = pow(2, Double(min(failuresInRow - 1, 30)))
            base = min(every, firstBackoff * doubling)
        } else {
            base = every
        }
        let spread = base * jitter * (2 * min(1, max(0, unit)) - 1)
        return max(0.1, base + spread)
    }

    /// Whether run number `run` (1 for the first) is a full run that reconciles deletes.
    func reconciles(run: Int) -> Bool { reconcileEvery > 0 && run % reconcileEvery == 0 }
}
