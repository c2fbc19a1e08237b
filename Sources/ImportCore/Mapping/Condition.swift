import Foundation

/// A regular expression compiled once per table; matching is case-insensitive.
public final class CompiledPattern: Sendable, Hashable {
    /// The regular expression as the table wrote it.
    public let pattern: String
    private let regex: NSRegularExpression

    init(_ pattern: String) throws {
        self.pattern = pattern
        regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Two patterns are equal when their texts are.
    public static func == (lhs: CompiledPattern, rhs: CompiledPattern) -> Bool { lhs.pattern == rhs.pattern }
    /// Hashes the pattern's text.
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// A test on a record, for conditional values and guards: first-match-wins rules such as
/// "Blocked when the status name matches block|impediment or the labels contain blocked, unless done".
public indirect enum Condition: Sendable, Hashable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// The value at the path equals one of these (case-insensitive text comparison).
    case equals(SourcePath, [String])
    /// The regex matches the value's text (or any element's, for arrays).
    case matches(SourcePath, CompiledPattern)
    /// The array at the path contains the text (case-insensitive), or the text contains it.
    case contains(SourcePath, String)
    /// The path has a non-null value (`true`) or not (`false`).
    case exists(SourcePath, Bool)

    func evaluate(_ context: EvaluationContext) -> Bool {
        switch self {
        case .all(let conditions): return conditions.allSatisfy { $0.evaluate(context) }
        case .any(let conditions): return conditions.contains { $0.evaluate(context) }
        case .not(let condition): return !condition.evaluate(context)
        case .equals(let path, let candidates):
            let texts = Condition.texts(context.read(path))
            let wanted = Set(candidates.map { $0.lowercased() })
            return texts.contains { wanted.contains($0.lowercased()) }
        case .matches(let path, let pattern):
            return Condition.texts(context.read(path)).contains { pattern.matches($0) }
        case .contains(let path, let needle):
            let value = context.read(path)
            let lowered = needle.lowercased()
            if case .array(let elements) = value {
                return elements.contains { ($0.scalarText ?? $0["name"]?.scalarText ?? "").lowercased() == lowered }
            }
            return value?.scalarText?.lowercased().contains(lowered) ?? false
        case .exists(let path, let expected):
            return (context.read(path) != nil) == expected
        }
    }

    static func texts(_ value: JSONValue?) -> [String] {
        guard let value else { return [] }
        if case .array(let elements) = value { return elements.compactMap(\.scalarText) }
        return value.scalarText.map { [$0] } ?? []
    }

    /// Every path the condition reads.
    var paths: [SourcePath] {
        switch self {
        case .all(let conditions), .any(let conditions): return conditions.flatMap(\.paths)
        case .not(let condition): return condition.paths
        case .equals(let path, _), .matches(let path, _), .contains(let path, _), .exists(let path, _): return [path]
        }
    }
}
