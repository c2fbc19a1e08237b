/// A problem in a run config or batch, with the JSON path of the offending part.
public typealias ConfigProblem = DocumentProblem
