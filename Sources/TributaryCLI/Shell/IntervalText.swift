/// Lengths of time as people write them on a command line: `90s`, `30m`, `2h`, `1h30m`, `1d`, or a
/// bare number of seconds.
enum IntervalText {
    /// The seconds `text` names, or `nil` when it is not a length of time (or not above zero).
    static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let plain = Double(trimmed) { return plain > 0 && plain.isFinite ? plain : nil }
        var total = 0.0
        var number = ""
        for character in trimmed {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            let unit: Double
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3_600
            case "d": unit = 86_400
            default: return nil
            }
            guard let value = Double(number), value.isFinite else { return nil }
            total += value * unit
            number = ""
        }
        guard number.isEmpty, total > 0, total <= 366 * 86_400 else { return nil }
        return total
    }
}
