/// Renders rows as an aligned plain-text table for terminals and logs, by display width (a Chinese
/// title or an emoji takes two columns).
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []
    /// Longest cell text before it is cut with an ellipsis.
    var maxCellWidth = 60

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let cut: ([String]) -> [String] = { row in
            row.map { cell in
                let flat = cell.split(whereSeparator: \.isNewline).joined(separator: " ")
                return flat.displayWidth > maxCellWidth ? flat.prefix(columns: maxCellWidth - 1) + "…" : flat
            }
        }
        let all = [cut(headers)] + rows.map(cut)
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.displayWidth)
            }
        }
        func line(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1
                    ? cell : cell + String(repeating: " ", count: max(0, widths[index] - cell.displayWidth))
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(all[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += all.dropFirst().map(line)
        return lines.joined(separator: "\n")
    }
}
