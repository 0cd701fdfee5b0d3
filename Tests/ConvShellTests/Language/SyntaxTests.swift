import XCTest
@testable import ConvShell
@testable import Ops

/// The syntax of LANGUAGE.md §2–§4 as the lexer and parser read it, shown as S-expressions.
final class SyntaxTests: XCTestCase {
    /// Words that parse in command form here (as ops and shell words do in a session).
    static let commands: Set<String> = ["conv2d", "kernel", "save", "show", "relu", "help", "vars", "time", "load"]

    func parse(_ line: String, arguments: [String] = ["-c"]) throws -> [String] {
        try Parser.parse(line, scriptArguments: arguments) { Self.commands.contains($0) }.map(Self.render)
    }

    func one(_ line: String, file: StaticString = #filePath, line number: UInt = #line) throws -> String {
        let statements = try parse(line)
        XCTAssertEqual(statements.count, 1, "\(statements)", file: file, line: number)
        return statements.first ?? ""
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

    // MARK: - Expressions

    func testPrecedenceClimbing() throws {
        XCTAssertEqual(try one("1 + 2 * 3"), "(+ 1 (* 2 3))")
        XCTAssertEqual(try one("(1 + 2) * 3"), "(* (+ 1 2) 3)")
        XCTAssertEqual(try one("a - b - c"), "(- (- a b) c)")
        XCTAssertEqual(try one("2 ** 3 ** 2"), "(** 2 (** 3 2))")
        XCTAssertEqual(try one("-2**2"), "(- (** 2 2))")
        XCTAssertEqual(try one("2**-1"), "(** 2 -1)")
        XCTAssertEqual(try one("-x * y"), "(* (- x) y)")
        XCTAssertEqual(try one("a < b and not c or d"), "(or (and (< a b) (not c)) d)")
        XCTAssertEqual(try one("not a == b"), "(not (== a b))")
        XCTAssertEqual(try one("x % 2 != 0"), "(!= (% x 2) 0)")
        XCTAssertEqual(try one("g = sqrt(gx**2 + gy**2)"), "(= g (call sqrt (+ (** gx 2) (** gy 2))))")
    }

    func testPostfix() throws {
        XCTAssertEqual(try one("mean(f, axis=[0,1])"), "(call mean f axis=tensor[2])")
        XCTAssertEqual(try one("maps[..., 3]"), "(index maps ... 3)")
        XCTAssertEqual(try one("img[100:200, 50:150]"), "(index img 100:200: 50:150:)")
        XCTAssertEqual(try one("img[..., ::-1]"), "(index img ... ::-1)")
        XCTAssertEqual(try one("x[i:i+2, :]"), "(index x i:(+ i 2): ::)")
        XCTAssertEqual(try one("m.block1.kernel"), "(. (. m block1) kernel)")
        XCTAssertEqual(try one("shape(x)[0]"), "(index (call shape x) 0)")
        XCTAssertEqual(try one("f()"), "(call f)")
    }

    func testLiterals() throws {
        XCTAssertEqual(try one("[[1, 2], [3, 4]]"), "tensor[2,2]")
        XCTAssertEqual(try one("[1 2 -3.5 1e-3 inf -nan]"), "tensor[6]")
        XCTAssertEqual(try one(#"["a.jpg", 2]"#), #"(list "a.jpg" 2)"#)
        XCTAssertEqual(try one("[x, y + 1]"), "(list x (+ y 1))")
        XCTAssertEqual(try one("[]"), "(list)")
        XCTAssertEqual(try one("x = .5 + 1e3 + inf"), "(= x (+ (+ 0.5 1000) inf))")
        XCTAssertEqual(try one("'a$b' + \"out/${name}_edge.png\""), #"(+ "a$b" "out/{name}_edge.png")"#)
        XCTAssertEqual(try one(#""a \"q\" \\ $$""#), #""a "q" \ $""#)
    }

    func testListErrors() {
        XCTAssertEqual(error("[[1,2] [3,4]]"), "column 8: expected ',' between list items")
        XCTAssertEqual(error("k = [[1,2],[3]]"), "column 14: ragged list: every list at one depth must have the same length, as in NumPy")
        XCTAssertEqual(error("[[1,2],3]"), "column 8: ragged list: every list at one depth must have the same length, as in NumPy")
        XCTAssertEqual(error("[1, 2"), "column 6: expected ']' to close the '[' at column 1")
        XCTAssertEqual(error(String(repeating: "[", count: 40) + "1" + String(repeating: "]", count: 40)),
                       "column 33: list nested more than 32 deep")
    }

    func testLongLiteralIsLinear() throws {
        let n = 1_000_000
        let line = "k = [" + (0..<n).map { String($0 % 97) }.joined(separator: ",") + "]"
        let start = Date()
        let statements = try Parser.parse(line) { _ in false }
        XCTAssertEqual(statements.count, 1)
        guard case .assign(_, .tensor(let tensor), _) = statements[0].statement else { return XCTFail("not a tensor") }
        XCTAssertEqual(tensor.shape, [n])
        XCTAssertEqual(tensor[n - 1], Float((n - 1) % 97))
        // Linear: a million numbers in seconds even in a debug build on a shared machine (a quadratic parse
        // would take hours); the release build reads 10^7 in under 2 s (docs/language.md).
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }

    func testErrorsPointAtTheColumn() {
        XCTAssertEqual(error("x = sqrt(a + b"), "column 15: expected ')'")
        XCTAssertEqual(error("x = 2 ^ 3"), "column 7: '^' is not a power: use ** for powers")
        XCTAssertEqual(error("x = (1 + 2"), "column 11: expected ')'")
        XCTAssertEqual(error("x = 1 +"), "column 8: expected an expression")
        XCTAssertEqual(error("x = 1x"), "column 5: bad number '1x'")
        XCTAssertEqual(error("y = a + b c"), "column 11: unexpected 'c'")
        XCTAssertEqual(error("x = \"abc"), "column 5: unterminated string: missing \"")
        XCTAssertEqual(error("é = (1"), "column 1: unexpected 'é'")
        XCTAssertEqual(error("x = 1 @ 2"), "column 7: unexpected '@'")
        XCTAssertEqual(error("x[]"), "column 3: expected an index")
    }

    func testDeepNestingIsRefused() {
        let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        XCTAssertTrue(error(deep).hasSuffix("nested more than 200 deep"))
        let minus = String(repeating: "-", count: 100_000) + "1"
        XCTAssertTrue(error(minus).hasSuffix("nested more than 200 deep"))
        let times = String(repeating: "time ", count: 30_000) + "k = kernel edge"
        XCTAssertEqual(error(times), "column 41: more than 8 'time' prefixes")
        let megabyte = String(repeating: "x+", count: 500_000) + "x"
        XCTAssertTrue(error(megabyte).hasSuffix("nested more than 200 deep"))
        let wide = "x = [" + Array(repeating: "a", count: 20_000).joined(separator: ", ") + "]"
        XCTAssertNoThrow(try parse(wide))
    }

    // MARK: - Command form

    func testCommandForm() throws {
        XCTAssertEqual(try one("f = conv2d img k same stride=2"), "(= f (conv2d img k same stride=2))")
        XCTAssertEqual(try one("k=kernel edge"), "(= k (kernel edge))")
        XCTAssertEqual(try one("save g out/grad.png cmap=magma"), "(save g out/grad.png cmap=magma)")
        XCTAssertEqual(try one("save (d / max(d)) out.png"), "(save (/ d (call max d)) out.png)")
        XCTAssertEqual(try one("conv2d img (kernel sobel_x) same"), "(conv2d img (kernel sobel_x) same)")
        XCTAssertEqual(try one("show maps[..., 3]"), "(show (index maps ... 3))")
        XCTAssertEqual(try one("show [1, 2]"), "(show tensor[2])")
        XCTAssertEqual(try one("conv2d x k bias=b pad=[1,2] name=\"a b\""), #"(conv2d x k bias=b pad=tensor[2] name="a b")"#)
        XCTAssertEqual(try one(#"load a\ b.png"#), "(load a b.png)")
        XCTAssertEqual(try parse("load $1 gray", arguments: ["s.convsh", "cat.jpg"]), ["(load cat.jpg gray)"])
        XCTAssertEqual(try one("save x out/${name}_$i.png"), "(save x out/{name}_{i}.png)")
        XCTAssertEqual(try one("help"), "(help)")
        XCTAssertEqual(try one("conv2d(img, k, same, stride=2)"), "(call conv2d img k same stride=2)")
        XCTAssertEqual(try one("relu"), "(relu)")
        XCTAssertEqual(try one("x = relu x"), "(= x (relu x))")
        XCTAssertEqual(try one("stride = 2"), "(= stride 2)")
    }

    func testUnknownWordWithArgumentsIsACommand() throws {
        XCTAssertEqual(try one("conv img k"), "(conv img k)")
        XCTAssertEqual(try one("gx + gy"), "(+ gx gy)")
        XCTAssertEqual(try one("gx and gy"), "(and gx gy)")
        XCTAssertEqual(try one("img"), "img")
        XCTAssertEqual(try one("block img (k)"), "(block img k)")
    }

    func testStatementsAndBlocks() throws {
        XCTAssertEqual(try parse("a = 1; b = 2 ;; # c = 3"), ["(= a 1)", "(= b 2)"])
        XCTAssertEqual(try one("for p in glob(\"photos/*.jpg\")"), #"(for p (call glob "photos/*.jpg"))"#)
        XCTAssertEqual(try one("parallel for i in range(8)"), "(parallel-for i (call range 8))")
        XCTAssertEqual(try parse("if exists(out); print out; else; break; end"),
                       ["(if (call exists out))", "(print out)", "else", "break", "end"])
        XCTAssertEqual(try one("def block img k"), "(def block img k)")
        XCTAssertEqual(try one("time f = conv2d img k"), "(time (= f (conv2d img k)))")
        XCTAssertEqual(try one("time time x"), "(time x)")
        XCTAssertEqual(try one("-2.5"), "-2.5")
        XCTAssertEqual(error("end x"), "column 5: 'end' takes nothing after it")
        XCTAssertEqual(error("for 1 in x"), "column 5: expected a name after 'for'")
        XCTAssertEqual(error("for i x"), "column 8: expected 'in' after 'for i'")
    }

    func testLineEndsAreNotPartOfALine() throws {
        // Script lines are split on \n, \r\n and \r before they reach the parser (ScriptLines).
        XCTAssertEqual(ScriptLines.split(Array("a\r\nb\rc\nd".utf8)).map { String(decoding: $0, as: UTF8.self) },
                       ["a", "b", "c", "d"])
    }

    // MARK: - Rendering

    static func render(_ parsed: ParsedStatement) -> String {
        let text: String
        switch parsed.statement {
        case .assign(let name, let value, _): text = "(= \(name) \(render(value)))"
        case .evaluate(let value): text = render(value)
        case .loop(let name, let over, let parallel): text = "(\(parallel ? "parallel-for" : "for") \(name) \(render(over)))"
        case .conditional(let condition): text = "(if \(render(condition)))"
        case .otherwise: text = "else"
        case .end: text = "end"
        case .breakLoop: text = "break"
        case .continueLoop: text = "continue"
        case .define(let name, let parameters): text = "(def " + ([name] + parameters).joined(separator: " ") + ")"
        }
        return parsed.isTimed ? "(time \(text))" : text
    }

    static func render(_ e: Expr) -> String {
        func arguments(_ list: [ArgumentNode]) -> String {
            list.map { " " + ($0.key.map { $0 + "=" } ?? "") + render($0.value) }.joined()
        }
        switch e {
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return "\"" + render(s) + "\""
        case .name(let n): return n
        case .word(let w): return render(w)
        case .tensor(let t): return "tensor" + Tensor.describe(t.shape)
        case .list(let items): return "(list" + items.map { " " + render($0) }.joined() + ")"
        case .unary(let op, let x): return "(\(op.rawValue) \(render(x)))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(render(a)) \(render(b)))"
        case .call(let name, let list, _): return "(call \(name)\(arguments(list)))"
        case .index(let base, let items):
            return "(index \(render(base))" + items.map { item -> String in
                switch item {
                case .ellipsis: return " ..."
                case .at(let x): return " " + render(x)
                case .slice(let a, let b, let c): return " " + [a, b, c].map { $0.map(render) ?? "" }.joined(separator: ":")
                }
            }.joined() + ")"
        case .member(let base, let name): return "(. \(render(base)) \(name))"
        case .command(let c): return "(\(c.name)\(arguments(c.arguments)))"
        }
    }

    static func render(_ s: StringLiteral) -> String {
        s.parts.map { part in
            switch part {
            case .text(let t): return t
            case .variable(let v): return "{\(v)}"
            }
        }.joined()
    }
}
