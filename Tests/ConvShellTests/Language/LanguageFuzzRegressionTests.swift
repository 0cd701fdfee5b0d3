import Foundation
import TestSupport
import XCTest
@testable import ConvShell
@testable import Ops

/// Every input that once crashed or hung the language fuzzer (scripts/fuzz-language) runs as a script again and
/// ends in a one-line located error or in success, and Tab completion reads each of its lines to a point inside it.
final class LanguageFuzzRegressionTests: XCTestCase {
    func testCrashingInputsNowRunOrFailCleanly() throws {
        let folder = Convsh.testsFolder.appendingPathComponent("ConvShellTests/Language/fuzz")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertGreaterThanOrEqual(names.count, 1)
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let session = Session(context: Context(threads: 1) { _ in }, write: { _ in })
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                XCTAssertLessThanOrEqual(CompletionPoint(String(line), isCommand: session.isCommand).wordStart,
                                         line.utf8.count, name)
            }
            do {
                try session.runScript(text, file: "fuzz")
            } catch let error as ScriptError {
                XCTAssertFalse(error.message.isEmpty || error.message.contains("\n"), "\(name): \(error)")
            }
        }
    }
}
