import Foundation
import TestSupport
import XCTest
@testable import ConvShell
@testable import Ops

/// Every input that once crashed the language fuzzer (scripts/fuzz-language) runs as a script again and ends in
/// a one-line located error or in success.
final class LanguageFuzzRegressionTests: XCTestCase {
    func testCrashingInputsNowRunOrFailCleanly() throws {
        let folder = Convsh.testsFolder.appendingPathComponent("ConvShellTests/Language/fuzz")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        XCTAssertGreaterThanOrEqual(names.count, 1)
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let session = Session(context: Context(threads: 1) { _ in }, write: { _ in })
            do {
                try session.runScript(String(decoding: data, as: UTF8.self), file: "fuzz")
            } catch let error as ScriptError {
                XCTAssertFalse(error.message.isEmpty || error.message.contains("\n"), "\(name): \(error)")
            }
        }
    }
}
