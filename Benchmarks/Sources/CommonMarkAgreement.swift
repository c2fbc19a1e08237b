import Foundation
import ImportCore

/// `tributary-bench --commonmark SPEC.txt`: holds the Markdown flattener against the CommonMark spec.
/// For every example, the plain text of its Markdown must equal the plain text of its expected HTML
/// through the HTML flattener. The spec is read from a copy the user fetched (it is not vendored here:
/// its examples are another project's test suite, CC-BY-SA); docs/MAPPING.md lists the exceptions.
enum CommonMarkAgreement {
    /// One spec example: its number, section, Markdown and the HTML the reference renders.
    struct Example {
        let number: Int
        let section: String
        let markdown: String
        let html: String
    }

    /// The examples of a `spec.txt`: fenced with 32 backticks and `example`, Markdown and HTML split by a
    /// line holding one `.`, tabs written as `→`.
    static func examples(spec: String) -> [Example] {
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var section = ""
        var inExample = false
        var sawSeparator = false
        var markdown: [String] = []
        var html: [String] = []
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !inExample {
                if line.hasPrefix(fence + " example") {
                    inExample = true
                    sawSeparator = false
                    markdown = []
                    html = []
                } else if line.hasPrefix("#") {
                    section = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                }
                continue
            }
            if line == fence {
                let tab: (String) -> String = { $0.replacingOccurrences(of: "→", with: "\t") }
                let joined: ([String]) -> String = { $0.isEmpty ? "" : $0.joined(separator: "\n") + "\n" }
                examples.append(
                    Example(
                        number: examples.count + 1, section: section, markdown: tab(joined(markdown)),
                        html: tab(joined(html))))
                inExample = false
            } else if line == "." && !sawSeparator {
                sawSeparator = true
            } else if sawSeparator {
                html.append(line)
            } else {
                markdown.append(line)
            }
        }
        return examples
    }

    /// Whitespace that neither reading can be held to: runs of spaces and blank lines collapse.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Reads the spec at `path`, prints each disagreement (to `failures` when given) and the agreement.
    static func run(specPath: String, failures: String) throws {
        let spec = try String(contentsOfFile: specPath, encoding: .utf8)
        let all = examples(spec: spec)
        guard !all.isEmpty else { throw BenchError("no examples in \(specPath): is it the CommonMark spec.txt?") }
        var report = ""
        var agreed = 0
        var bySection: [String: Int] = [:]
        for example in all {
            let fromMarkdown = normalized(MarkdownText.plainText(example.markdown))
            let fromHTML = normalized(HTMLText.plainText(example.html))
            if fromMarkdown == fromHTML {
                agreed += 1
            } else {
                bySection[example.section, default: 0] += 1
                report += """
                    ## \(example.number) (\(example.section))
                    markdown: \(String(reflecting: example.markdown))
                    html:     \(String(reflecting: example.html))
                    md text:  \(String(reflecting: fromMarkdown))
                    htm text: \(String(reflecting: fromHTML))


                    """
            }
        }
        if failures.isEmpty { print(report) } else { try Data(report.utf8).write(to: URL(fileURLWithPath: failures)) }
        for (section, count) in bySection.sorted(by: { $0.value > $1.value }) { print("\(count)\t\(section)") }
        let percent = Double(agreed) * 100 / Double(all.count)
        print("agreement: \(agreed)/\(all.count) (\(String(format: "%.1f", percent)) %)")
    }
}
