import ImportCore

/// One option a command accepts.
public struct OptionSpec: Sendable {
    /// The long name without dashes (`db`).
    public let name: String
    /// A one-letter alias (`h`), if any.
    public let short: Character?
    /// The value's placeholder (`PATH`); `nil` for a flag.
    public let value: String?
    /// One line of help.
    public let help: String
    /// May be given several times (values accumulate).
    public let repeatable: Bool

    /// An option.
    public init(_ name: String, short: Character? = nil, value: String? = nil, repeatable: Bool = false, help: String) {
        self.name = name
        self.short = short
        self.value = value
        self.help = help
        self.repeatable = repeatable
    }

    var isFlag: Bool { value == nil }
}
