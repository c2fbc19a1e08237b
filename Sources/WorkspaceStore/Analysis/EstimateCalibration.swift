import Foundation
import ImportCore

/// Hours per story point as a team's own completed work shows it: the logged time of each completed
/// task against its story points, the median ratio suggested for `mapping.params.hoursPerStoryPoint`.
public struct EstimateCalibration: Sendable, Equatable {
    /// The fewest tasks a suggestion is made from.
    public static let minimumTasks = 10

    /// A task whose ratio is left out, and why.
    public struct Outlier: Sendable, Equatable {
        /// The task's key (or title).
        public let task: String
        /// Its hours per story point.
        public let hoursPerPoint: Double
        /// Why it was left out.
        public let reason: String
    }

    /// Completed tasks with both story points and logged time.
    public let candidates: Int
    /// The ratios the suggestion is made from (outliers left out), ascending.
    public let ratios: [Double]
    /// The tasks left out as outliers.
    public let outliers: [Outlier]
    /// Completed tasks without story points (not counted).
    public let withoutPoints: Int
    /// Completed tasks with story points but no logged time (not counted).
    public let withoutTime: Int

    /// The median of the kept ratios, however few (`nil` with none).
    public var median: Double? { ratios.isEmpty ? nil : Self.quantile(ratios, 0.5) }
    /// The suggested hours per story point (the median ratio); `nil` with fewer than `minimumTasks`.
    public var suggestion: Double? { ratios.count >= Self.minimumTasks ? median : nil }
    /// The middle half of the ratios (first to third quartile).
    public var interquartile: ClosedRange<Double>? {
        ratios.isEmpty ? nil : Self.quantile(ratios, 0.25)...Self.quantile(ratios, 0.75)
    }

    /// Calibrates from `samples` (a task's label, story points, logged hours); tasks without points
    /// or time are counted apart. Outliers lie beyond Tukey's fences (1.5 interquartile ranges
    /// outside the middle half), which a few mislogged or re-estimated tasks would otherwise pull.
    public init(samples: [(task: String, points: Double?, hours: Double)]) {
        var usable: [(task: String, ratio: Double)] = []
        var withoutPoints = 0
        var withoutTime = 0
        for sample in samples {
            guard let points = sample.points, points > 0, points.isFinite else {
                withoutPoints += 1
                continue
            }
            guard sample.hours > 0, sample.hours.isFinite else {
                withoutTime += 1
                continue
            }
            usable.append((sample.task, sample.hours / points))
        }
        let sorted = usable.map(\.ratio).sorted()
        var outliers: [Outlier] = []
        var kept = sorted
        if sorted.count >= 4 {
            let low = Self.quantile(sorted, 0.25)
            let high = Self.quantile(sorted, 0.75)
            let spread = high - low
            let fences = (low - 1.5 * spread)...(high + 1.5 * spread)
            for task in usable where !fences.contains(task.ratio) {
                let side =
                    task.ratio > fences.upperBound
                    ? "above \(Self.format(fences.upperBound)) h/pt (third quartile + 1.5 × the interquartile range)"
                    : "below \(Self.format(fences.lowerBound)) h/pt (first quartile − 1.5 × the interquartile range)"
                outliers.append(Outlier(task: task.task, hoursPerPoint: task.ratio, reason: side))
            }
            kept = sorted.filter { fences.contains($0) }
        }
        candidates = usable.count
        ratios = kept
        self.outliers = outliers.sorted { $0.hoursPerPoint > $1.hoursPerPoint }
        self.withoutPoints = withoutPoints
        self.withoutTime = withoutTime
    }

    /// The `q` quantile of ascending `values` (linear between neighbours).
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        guard let first = values.first else { return 0 }
        guard values.count > 1 else { return first }
        let position = q * Double(values.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(values.count - 1, below + 1)
        return values[below] + (values[above] - values[below]) * (position - Double(below))
    }

    /// A ratio as people read it: two decimals.
    public static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
