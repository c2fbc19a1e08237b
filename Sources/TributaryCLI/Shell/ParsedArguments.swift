import ImportCore

/// What a command line said, after parsing against a command's options.
public struct ParsedArguments: Sendable {
    /// Arguments that are not options, in order.
    public var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// Whether flag `name` was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }
    /// The value of option `name` (the last, if repeated).
    public func value(_ name: String) -> String? { values[name]?.last }
    /// Every value of a repeatable option, in order.
    public func values(_ name: String) -> [String] { values[name] ?? [] }

    /// An integer option within `range`, or a usage error naming the option and the range.
    public func int(_ name: String, in range: ClosedRange<Int>) throws(CLIError) -> Int? {
        guard let number = try int(name) else { return nil }
        guard range.contains(number) else {
            throw CLIError.usage(
                "--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \(number)")
        }
        return number
    }

    /// An integer option, or a usage error naming it.
    public func int(_ name: String) throws(CLIError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text) else { throw CLIError.usage("--\(name) takes a whole number, not \"\(text)\"") }
        return number
    }
}
