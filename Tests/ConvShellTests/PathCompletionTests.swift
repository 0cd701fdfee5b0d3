import TestSupport
import XCTest
@testable import ConvShell
@testable import Ops

/// Tab on paths with spaces: escaped as a bare word, quoted inside quotes, completed inside quotes.
final class PathCompletionTests: XCTestCase {
    var folder: TemporaryFolder!
    var previous = ""
    lazy var session = Session(context: Context(threads: 1) { _ in }, write: { _ in })

    override func setUpWithError() throws {
        folder = try TemporaryFolder("paths")
        try folder.write("my photo.png", "")
        try folder.write("my photos/a.png", "")
        try folder.write("plain.npy", "")
        previous = FileManager.default.currentDirectoryPath
        XCTAssert(FileManager.default.changeCurrentDirectoryPath(folder.path))
    }

    override func tearDown() {
        FileManager.default.changeCurrentDirectoryPath(previous)
        folder = nil
    }

    func complete(_ text: String) -> (word: String, candidates: [String]) {
        let (start, candidates) = Completer(session: session).complete(text)
        return (String(text[start...]), candidates)
    }

    func testBareWordsAreEscaped() {
        XCTAssertEqual(complete("img = load my").candidates, [#"my\ photo.png"#, #"my\ photos/"#])
        XCTAssertEqual(complete(#"img = load my\ photos/"#).candidates, [#"my\ photos/a.png"#])
        XCTAssertEqual(complete(#"img = load my\ photos/"#).word, #"my\ photos/"#)
        XCTAssertEqual(complete("img = load pl").candidates, ["plain.npy"])
    }

    func testInsideQuotes() {
        XCTAssertEqual(complete(#"img = load "my p"#).candidates, [#""my photo.png""#, #""my photos/"#])
        XCTAssertEqual(complete(#"img = load "my p"#).word, #""my p"#)
        XCTAssertEqual(complete(#"img = load "my photos/"#).candidates, [#""my photos/a.png""#])
        XCTAssertEqual(complete("img = load 'my photos/").candidates, ["'my photos/a.png'"])
    }

    func point(_ text: String) -> CompletionPoint { CompletionPoint(text, isCommand: { $0 == "save" || $0 == "load" }) }

    func testAQuotedPathWithSpacesCountsAsOneArgument() {
        // `save x "my photo.png" ` : the next word is the third parameter, not the fourth.
        XCTAssertEqual(point(#"save x "my photo.png" gr"#).place, .argument(command: "save", position: 3))
        XCTAssertEqual(point(#"save x my\ photo.png "#).place, .argument(command: "save", position: 3))
        XCTAssertEqual(point(#"save x my\ photo.png "#).wordStart, #"save x my\ photo.png "#.utf8.count)
        XCTAssertEqual(point(#"save x "a;b#c.png" gr"#).place, .argument(command: "save", position: 3))
    }

    func testEscapeRoundTrips() {
        for name in ["a b", #"it's "x".png"#, #"back\slash"#, "semi;colon#hash"] {
            XCTAssertEqual(PathWords.unescape(PathWords.escape(name)), name)
            let line = "load " + PathWords.escape(name)
            XCTAssertEqual(point(line), CompletionPoint(place: .argument(command: "load", position: 1), wordStart: 5))
        }
    }
}
