import XCTest
@testable import ConvShell
@testable import Ops

/// The language of DESIGN.md §1 as the parser reads it.
final class ParserTests: XCTestCase {
    var parser = V1Parser()

    func parse(_ line: String) throws -> [V1Statement] { try parser.parse(line) }

    func one(_ line: String, file: StaticString = #filePath, line number: UInt = #line) throws -> V1Statement {
        let statements = try parse(line)
        XCTAssertEqual(statements.count, 1, file: file, line: number)
        return try XCTUnwrap(statements.first, file: file, line: number)
    }

    func error(_ line: String, file: StaticString = #filePath, line number: UInt = #line) -> String {
        do {
            let statements = try parse(line)
            XCTFail("parsed: \(statements)", file: file, line: number)
            return ""
        } catch {
            return "\(error)"
        }
    }

    // MARK: - Statements

    func testAssignmentCommandAndArguments() throws {
        let s = try one("f = conv2d img k same stride=2")
        XCTAssertEqual(s.target, "f")
        XCTAssertEqual(s.command, "conv2d")
        XCTAssertEqual(s.arguments.positional, [.word("img"), .word("k"), .word("same")])
        XCTAssertEqual(s.arguments.options.map(\.key), ["stride"])
        XCTAssertEqual(s.arguments.options.first?.value, .number(2))
        XCTAssertFalse(s.isTimed)
    }

    func testSpacelessAssignment() throws {
        let s = try one("k=kernel edge")
        XCTAssertEqual(s.target, "k")
        XCTAssertEqual(s.command, "kernel")
        XCTAssertEqual(s.arguments.positional, [.word("edge")])
        let bare = try one("img")
        XCTAssertNil(bare.target)
        XCTAssertEqual(bare.command, "img")
        let copy = try one("b = a")
        XCTAssertEqual(copy.target, "b")
        XCTAssertEqual(copy.command, "a")
    }

    func testLiteralAssignment() throws {
        let s = try one("k = [[1, 2], [3, 4]]")
        XCTAssertEqual(s.target, "k")
        XCTAssertEqual(s.command, "")
        XCTAssertEqual(s.arguments.positional, [.list([.list([.number(1), .number(2)]), .list([.number(3), .number(4)])])])
        XCTAssertEqual(try one("k=[[1,2],[3,4]]"), s)
    }

    func testSemicolonsAndComments() throws {
        let statements = try parse("a = kernel edge; show a ;; stats a # a comment; not a statement")
        XCTAssertEqual(statements.map(\.command), ["kernel", "show", "stats"])
        XCTAssertEqual(try parse("# only a comment"), [])
        XCTAssertEqual(try parse("   "), [])
        // As in sh, # starts a comment at the start of a word; inside a word it is a character (a path).
        XCTAssertEqual(try parse("show a#b").first?.arguments.positional, [.word("a#b")])
        XCTAssertEqual(try parse("show [1,2]# c").first?.arguments.positional, [.list([.number(1), .number(2)])])
    }

    func testHashAndSemicolonInsideQuotes() throws {
        let s = try one("save x \"out #1; final.npy\" # real comment")
        XCTAssertEqual(s.arguments.positional, [.word("x"), .quoted("out #1; final.npy")])
        XCTAssertEqual(try one("load 'a#b.npy'").arguments.positional, [.quoted("a#b.npy")])
    }

    func testQuotedPathsAndEscapes() throws {
        XCTAssertEqual(try one(#"load "my photos/cat 1.npy""#).arguments.positional, [.quoted("my photos/cat 1.npy")])
        XCTAssertEqual(try one(#"load "say \"hi\" \\ done""#).arguments.positional, [.quoted(#"say "hi" \ done"#)])
        // Other backslashes stay as typed; single quotes take everything literally.
        XCTAssertEqual(try one(#"load "a\nb""#).arguments.positional, [.quoted(#"a\nb"#)])
        XCTAssertEqual(try one(#"load 'it\'"#).arguments.positional, [.quoted(#"it\"#)])
        XCTAssertEqual(try one("load café.npy").arguments.positional, [.word("café.npy")])
    }

    func testNestedListsWithSpacesAndCommas() throws {
        let expected = Syntax.list([.list([.number(-1), .number(0), .number(1)]), .list([.number(2), .number(-3.5), .number(1e-3)])])
        XCTAssertEqual(try one("kernel [[-1,0,1],[2,-3.5,1e-3]]").arguments.positional, [expected])
        XCTAssertEqual(try one("kernel [ [ -1 , 0 , 1 ] , [ 2 -3.5 1e-3 ] ]").arguments.positional, [expected])
        XCTAssertEqual(try one("kernel [[[1]],[[2]]]").arguments.positional,
                       [.list([.list([.list([.number(1)])]), .list([.list([.number(2)])])])])
    }

    func testOptions() throws {
        let s = try one(#"conv2d x k stride=[2,1] border=reflect dilation=2 name="a b" pad=[ 1 , 2 ]"#)
        let options = Dictionary(uniqueKeysWithValues: s.arguments.options.map { ($0.key, $0.value) })
        XCTAssertEqual(options["stride"], .list([.number(2), .number(1)]))
        XCTAssertEqual(options["border"], .word("reflect"))
        XCTAssertEqual(options["dilation"], .number(2))
        XCTAssertEqual(options["name"], .quoted("a b"))
        XCTAssertEqual(options["pad"], .list([.number(1), .number(2)]))
        XCTAssertEqual(s.arguments.positional, [.word("x"), .word("k")])
        // A word with = after something that is no name is an ordinary word (a path, say).
        XCTAssertEqual(try one("load a/b=c.npy").arguments.positional, [.word("a/b=c.npy")])
    }

    func testNumbers() throws {
        XCTAssertEqual(try one("kernel gaussian 5 1.4 -2 .5 1e-3 inf").arguments.positional,
                       [.word("gaussian"), .number(5), .number(1.4), .number(-2), .number(0.5), .number(0.001),
                        .number(.infinity)])
        XCTAssertEqual(try one("load 1x 0x10 2.npy").arguments.positional, [.word("1x"), .word("0x10"), .word("2.npy")])
    }

    func testTime() throws {
        let s = try one("time f = conv2d img k same")
        XCTAssert(s.isTimed)
        XCTAssertEqual(s.target, "f")
        XCTAssertEqual(s.command, "conv2d")
        let alone = try one("time")
        XCTAssertFalse(alone.isTimed)
        XCTAssertEqual(alone.command, "time")
    }

    // MARK: - Script arguments

    func testScriptArguments() throws {
        parser.scriptArguments = ["lesson.convsh", "photo.npy", "out dir"]
        XCTAssertEqual(try one("load $1").arguments.positional, [.word("photo.npy")])
        XCTAssertEqual(try one(#"save x "$2/y.npy""#).arguments.positional, [.word("x"), .quoted("out dir/y.npy")])
        XCTAssertEqual(try one("show $0").arguments.positional, [.word("lesson.convsh")])
        XCTAssertEqual(try one("load price$$1.npy").arguments.positional, [.word("price$1.npy")])
        XCTAssertEqual(try one("load a$b").arguments.positional, [.word("a$b")], "$ before a non-digit stays")
        XCTAssertEqual(error("load $3"), "$3 is not set (the script has 2 argument(s))")
        parser.scriptArguments = ["s.convsh", "2"]
        XCTAssertEqual(try one("conv2d x k stride=$1").arguments.options.first?.value, .number(2))
        XCTAssertEqual(try one("kernel [[$1, 0]]").arguments.positional, [.list([.list([.number(2), .number(0)])])])
    }

    // MARK: - Errors

    func testErrors() {
        XCTAssertEqual(error(#"load "unfinished"#), "unterminated string: missing \"")
        XCTAssertEqual(error("load 'unfinished"), "unterminated string: missing '")
        XCTAssertEqual(error("kernel [[1,2],[3,4]"), "unterminated list: missing ]")
        XCTAssertEqual(error("kernel [1,2]]"), "unexpected ']'")
        XCTAssertEqual(error("show ]"), "unexpected ']'")
        XCTAssertEqual(error("= kernel edge"), "unexpected '='")
        XCTAssertEqual(error("k = "), "expected a command after 'k ='")
        XCTAssertEqual(error("conv2d x k stride = 2"), "unexpected '=' (write options as key=value, without spaces)")
        XCTAssertEqual(error("2k = kernel edge"), "'2k' is not a valid name (letters, digits and _, not starting with a digit)")
        XCTAssertEqual(error("kernel [[1,a]]"), "list items must be numbers, got 'a'")
        XCTAssertEqual(error("conv2d x k stride="), "missing value after 'stride='")
        XCTAssertEqual(error("\"x\" = kernel edge"), "expected a command, got \"x\"")
        // Deep nesting is refused, not a stack overflow.
        XCTAssertEqual(error("x = " + String(repeating: "[", count: 100_000) + "1" + String(repeating: "]", count: 100_000)),
                       "list nested more than 32 deep")
        let deepest = String(repeating: "[", count: 32) + "1" + String(repeating: "]", count: 32)
        XCTAssertNoThrow(try parse("x = " + deepest))
    }
}
