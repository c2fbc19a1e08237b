import ImportCore

/// Parses arguments the way common Unix tools do: `--name value`, `--name=value`, `-x`, flags,
/// `--` to end options. Unknown options are rejected with the closest known one as a hint.
public enum ArgumentParser {
    /// `arguments` read against `options`, or a usage error naming the option and the help to read.
    public static func parse(_ arguments: [String], options: [OptionSpec], command: String) throws(CLIError)
        -> ParsedArguments
    {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || argument == "-" || !argument.hasPrefix("-") {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            var name: String
            var inlineValue: String?
            if argument.hasPrefix("--") {
                name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
            } else {
                let letters = Array(argument.dropFirst())
                guard letters.count == 1, let spec = options.first(where: { $0.short == letters[0] }) else {
                    throw unknown(argument, options: options, command: command)
                }
                name = spec.name
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw unknown(argument, options: options, command: command)
            }
            if spec.isFlag {
                if inlineValue != nil {
                    throw CLIError.usage("--\(name) is a flag and takes no value (see `tributary \(command) --help`)")
                }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw CLIError.usage(
                        "--\(name) needs a value (\(spec.value ?? "a value")); see `tributary \(command) --help`")
                }
                value = arguments[index]
                index += 1
            }
            if !spec.repeatable, parsed.values[name] != nil {
                throw CLIError.usage("--\(name) was given twice")
            }
            parsed.values[name, default: []].append(value)
        }
        return parsed
    }

    static func unknown(_ argument: String, options: [OptionSpec], command: String) -> CLIError {
        let name = argument.drop(while: { $0 == "-" }).split(separator: "=").first.map(String.init) ?? argument
        var message = "unknown option \(argument) for `tributary \(command)`"
        if let suggestion = Suggestions.closest(name, among: options.map(\.name)) {
            message += "; did you mean --\(suggestion)?"
        }
        message += " (see `tributary \(command) --help`)"
        return CLIError.usage(message)
    }
}
