import Foundation
import ImportCore

/// Renders engine events: a redrawn progress bar on a terminal, one plain line per page otherwise,
/// or JSON lines with `--json`.
final class ProgressPrinter: ImportObserver, @unchecked Sendable {
    enum Style { case bar, lines, json, quiet }

    let console: Console
    let style: Style
    let label: String
    private let lock = NSLock()
    private var drewBar = false

    init(console: Console, style: Style, label: String = "") {
        self.console = console
        self.style = style
        self.label = label
    }

    func handle(_ event: ImportEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch style {
        case .quiet: return
        case .json: console.out(Self.json(event, label: label).jsonText)
        case .lines:
            if let line = Self.line(event, label: label) { console.out(line) }
        case .bar:
            switch event {
            case .page(let progress):
                console.redraw(Self.bar(progress, label: label))
                drewBar = true
            default:
                if drewBar {
                    console.outRaw("\n")
                    drewBar = false
                }
                if let line = Self.line(event, label: label) { console.out(line) }
            }
        }
    }

    static func bar(_ progress: ImportEvent.Progress, label: String) -> String {
        let prefix = label.isEmpty ? "" : "\(label) "
        let rate = String(format: "%.0f/s", progress.rate)
        guard let total = progress.estimatedTotal, total > 0 else {
            return "\(prefix)\(progress.records) records, page \(progress.pages), \(rate)"
        }
        let fraction = min(1, Double(progress.records) / Double(total))
        let width = 28
        let filled = Int(fraction * Double(width))
        let eta = progress.eta.map { " ETA \(Self.duration($0))" } ?? ""
        return
            "\(prefix)[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: width - filled))] \(progress.records)/\(total) \(Int(fraction * 100))% \(rate)\(eta)"
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }

    static func line(_ event: ImportEvent, label: String) -> String? {
        let prefix = label.isEmpty ? "" : "[\(label)] "
        switch event {
        case .started(let job, let mode, _, let resumed):
            return
                "\(prefix)job \(job.map(String.init) ?? "-") started (\(mode))\(resumed.map { ", resuming job \($0)" } ?? "")"
        case .page(let progress):
            let c = progress.counts
            return
                "\(prefix)page \(progress.pages): \(progress.records)\(progress.estimatedTotal.map { "/\($0)" } ?? "") records (created \(c.created), updated \(c.updated), unchanged \(c.unchanged), failed \(c.failed)) \(String(format: "%.0f", progress.rate))/s"
        case .reconciled(let deleted):
            return "\(prefix)reconciled deletes: \(deleted) marked deleted"
        case .recordFailed(let failure):
            return "\(prefix)failed: \(failure.recordKey ?? failure.externalID ?? "?"): \(failure.reason)"
        case .finished:
            return nil
        }
    }

    static func json(_ event: ImportEvent, label: String) -> JSONValue {
        var object: [String: JSONValue]
        switch event {
        case .started(let job, let mode, let total, let resumed):
            object = [
                "event": "started", "jobId": job.map { .number(Double($0)) } ?? .null, "mode": .string(mode),
                "estimatedTotal": total.map { .number(Double($0)) } ?? .null,
                "resumedFrom": resumed.map { .number(Double($0)) } ?? .null,
            ]
        case .page(let progress):
            object = [
                "event": "page", "pages": .number(Double(progress.pages)), "records": .number(Double(progress.records)),
                "created": .number(Double(progress.counts.created)),
                "updated": .number(Double(progress.counts.updated)),
                "unchanged": .number(Double(progress.counts.unchanged)),
                "failed": .number(Double(progress.counts.failed)),
                "estimatedTotal": progress.estimatedTotal.map { .number(Double($0)) } ?? .null,
                "rate": .number((progress.rate * 10).rounded() / 10),
                "eta": progress.eta.map { .number($0.rounded()) } ?? .null,
            ]
        case .reconciled(let deleted): object = ["event": "reconciled", "deleted": .number(Double(deleted))]
        case .recordFailed(let failure):
            object = [
                "event": "recordFailed", "record": JSONValue(failure.recordKey), "reason": .string(failure.reason),
            ]
        case .finished(let report): object = ["event": "finished", "report": report.json]
        }
        if !label.isEmpty { object["run"] = .string(label) }
        return .object(object)
    }
}
