import TestSupport
import XCTest
@testable import ConvShell
@testable import Ops

/// Tab in the places the language has beyond command form: expressions, calls, parenthesised arguments, loop
/// headers, a model's members after `m.`, strings and comments (CompletionPoint reads the line as the lexer does).
final class LanguageCompletionTests: XCTestCase {
    lazy var session = Session(context: Context(threads: 1) { _ in }, write: { _ in })

    func complete(_ text: String) -> (word: String, candidates: [String]) {
        let (start, candidates) = Completer(session: session).complete(text)
        return (String(text[start...]), candidates)
    }

    override func setUpWithError() throws {
        try session.run(line: "grad_x = [[1]]; grad_y = [[2]]; img = [[3]]")
    }

    func testNamesInsideExpressions() {
        XCTAssertEqual(complete("g = sqrt(grad_").candidates, ["grad_x", "grad_y"])
        XCTAssertEqual(complete("g = sqrt(grad_x**2 + grad_").candidates, ["grad_x", "grad_y"])
        XCTAssertEqual(complete("g = sqrt(grad_x**2 + grad_").word, "grad_")
        XCTAssertEqual(complete("mean(i").candidates, ["img"])
        XCTAssert(complete("y = sq").candidates.contains("sqrt"), "functions are registry ops")
        XCTAssertEqual(complete("y = sqrt(de").candidates, ["dense"], "shell words (del, def) are not functions")
        XCTAssertEqual(complete("x = [grad_x, grad_").candidates, ["grad_x", "grad_y"])
        XCTAssertEqual(complete("y = grad_x * 2.").candidates, [], "a number's decimals are not a member")
    }

    func testParenthesisedArgumentsAreRightSides() {
        XCTAssertEqual(complete("f = conv2d img (kernel sob").candidates, ["sobel_x", "sobel_y"])
        XCTAssertEqual(complete("save (grad_x / max(grad_").candidates, ["grad_x", "grad_y"])
        // After the parenthesis closes, the command's next argument: conv2d's third is the padding.
        XCTAssertEqual(complete("f = conv2d img (kernel sobel_x) sa").candidates, ["same"])
        XCTAssertEqual(complete("show grad_x[..., grad_").candidates, ["grad_x", "grad_y"])
        XCTAssertEqual(complete("conv2d img k border=").candidates,
                       ["border=reflect", "border=replicate", "border=wrap", "border=zero"])
        XCTAssertEqual(complete("conv2d img k stride=").candidates, [], "a number: nothing to offer")
    }

    func testLoopAndConditionHeadersTakeExpressions() {
        XCTAssertEqual(complete("for p in grad_").candidates, ["grad_x", "grad_y"])
        XCTAssertEqual(complete("parallel for p in i").candidates, ["img"])
        XCTAssertEqual(complete("if grad_").candidates, ["grad_x", "grad_y"])
        XCTAssertEqual(complete("for p i").candidates, [], "the header is not finished")
    }

    func testStatementsCommentsAndStrings() {
        XCTAssertEqual(complete(#"print "a;b"; sho"#).candidates, ["show"], "a ; inside quotes ends nothing")
        XCTAssertEqual(complete("relu img # sho").candidates, [], "nothing inside a comment")
        XCTAssertEqual(complete("time g = sqrt(grad_").candidates, ["grad_x", "grad_y"])
    }

    func testPathsInsideAnExpressionsString() throws {
        let folder = try TemporaryFolder("expression-paths")
        try folder.write("cat.jpg", "")
        try folder.write("car.jpg", "")
        XCTAssertEqual(complete(#"x = load(""# + folder.path + "/ca").candidates,
                       ["\"" + folder.path + "/car.jpg\"", "\"" + folder.path + "/cat.jpg\""])
    }

    func testAModelsLayersAndWeightsAfterItsName() throws {
        let model = Convsh.testsFolder.deletingLastPathComponent().appendingPathComponent("examples/vgg16_block12.keras")
        try session.run(line: "m = load \"\(model.path)\"")
        XCTAssertEqual(complete("show m.block1_c").candidates, ["m.block1_conv1", "m.block1_conv2"])
        XCTAssertEqual(complete("w = m.block2_conv1.").candidates, ["bias", "kernel"])
        XCTAssertEqual(complete("w = m.block2_conv1.").word, "")
        XCTAssertEqual(complete("y = relu(m.block1_conv1.k").candidates, ["kernel"])
        XCTAssertEqual(complete("show grad_x.").candidates, [], "a tensor has no members")
    }

    /// Random lines of the language's bytes (quotes, escapes, brackets, `;`, `#`, dots, multi-byte letters): the
    /// point is always found, and the word it names starts inside the line on a character boundary.
    func testAnyLineHasAPointInsideIt() {
        let alphabet = Array("ab_x1.2 =;#\"'()[],.:+*/m$é\\".unicodeScalars).map(String.init)
        var generator = SplitMix64(seed: 7)  // Ops' seeded generator: the same lines on every run
        var checked = 0
        for _ in 0..<20_000 {
            let length = Int(generator.next() % 24)
            let line = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            let point = CompletionPoint(line, isCommand: { $0 == "m" || $0 == "ab" })
            XCTAssert((0...line.utf8.count).contains(point.wordStart), line)
            XCTAssertNotNil(String.Index(line.utf8.index(line.utf8.startIndex, offsetBy: point.wordStart),
                                         within: line), line)
            checked += 1
        }
        XCTAssertEqual(checked, 20_000)
    }
}
