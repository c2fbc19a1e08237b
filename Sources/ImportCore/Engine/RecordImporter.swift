/// Turns one raw record into what a destination writes: a canonical task, or a failure with the
/// record's label and a redacted reason. Runs, dry runs and previews share it.
struct RecordImporter: Sendable {
    let evaluator: MappingEvaluator
    let source: String
    let redactor: Redactor
    /// Who the source's people are in the workspace, beyond their visible email.
    var people = UserMap()

    /// The record mapped, or why it cannot be.
    func callAsFunction(_ record: JSONValue) -> PageWrite.Record {
        do {
            return .task(try evaluator.canonical(record, source: source).mappingPeople(people))
        } catch {
            return .failed(failure(record, error))
        }
    }

    /// The record mapped with each rule's input and output (previews).
    func traced(_ record: JSONValue) -> (PageWrite.Record, [RuleTrace]) {
        var traces: [RuleTrace] = []
        do {
            let (mapped, trace) = try evaluator.map(record, trace: true)
            traces = trace
            let task = try CanonicalBuilder.task(
                mapped, source: source, label: evaluator.label(of: record), people: evaluator.table.people)
            return (.task(task.mappingPeople(people)), traces)
        } catch {
            return (.failed(failure(record, error)), traces)
        }
    }

    func failure(_ record: JSONValue, _ error: any Error) -> ImportFailure {
        ImportFailure(
            recordKey: evaluator.label(of: record), externalID: evaluator.externalID(of: record),
            reason: Self.reason(error, redactor: redactor))
    }

    /// Why a record failed, redacted (a record's own values may echo a secret).
    static func reason(_ error: any Error, redactor: Redactor) -> String {
        if let mapping = error as? MappingError { return redactor.redact("\(mapping.location): \(mapping.message)") }
        return redactor.redact(String(describing: error))
    }
}
