import Testing

@testable import TributaryCLI

/// Tables line up on a terminal whatever the script: widths are display columns, not characters.
@Suite("Text tables and display width")
struct TextTableTests {
    @Test("wide, combining and emoji characters take the columns a terminal gives them")
    func widths() {
        #expect("abc".displayWidth == 3)
        #expect("陈静".displayWidth == 4)
        #expect("修复登录问题（单点登录）".displayWidth == 24)
        #expect("e\u{301}".displayWidth == 1)
        #expect("👍🏽".displayWidth == 2)
        #expect("한국어".displayWidth == 6)
        #expect("\u{200B}".displayWidth == 0)
        #expect("陈静abc".prefix(columns: 3) == "陈")
    }

    @Test("columns after a CJK cell start where they start after a Latin one")
    func alignment() {
        var table = TextTable(["TITLE", "STATUS"])
        table.add(["陈静 (Chen Jing)", "done"])
        table.add(["Alice Nguyen", "open"])
        let lines = table.render().split(separator: "\n").map(String.init)
        let columns = lines.map { line -> Int in
            guard let range = line.range(of: "done") ?? line.range(of: "open") ?? line.range(of: "STATUS") else {
                return -1
            }
            return String(line[..<range.lowerBound]).displayWidth
        }
        #expect(columns[0] == columns[2] && columns[2] == columns[3], "\(lines)")
    }

    @Test("a long cell is cut by columns, with an ellipsis")
    func cut() {
        var table = TextTable(["T"])
        table.maxCellWidth = 9
        table.add([String(repeating: "长", count: 10)])
        let last = table.render().split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.displayWidth <= 9 && last.hasSuffix("…"), "\(last)")
    }
}
