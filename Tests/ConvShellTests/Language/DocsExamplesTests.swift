import Foundation
import TestSupport
import XCTest

/// Every ```convsh example of docs/language.md runs through convsh, in a folder with the photos of examples/,
/// and succeeds with some output.
final class DocsExamplesTests: XCTestCase {
    func testLanguageReferenceExamplesRun() throws {
        let root = Convsh.testsFolder.deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/language.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```convsh\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        XCTAssertGreaterThanOrEqual(blocks.count, 5)
        for (number, block) in blocks.enumerated() {
            let work = try TemporaryFolder("docs-example")
            for photo in ["camera.jpg", "chelsea.jpg"] {
                try FileManager.default.copyItem(at: root.appendingPathComponent("examples/\(photo)"),
                                                 to: work.url.appendingPathComponent(photo))
            }
            let result = try Convsh.run(["-c", block], in: work.url)
            XCTAssertEqual(result.status, 0, "example \(number + 1):\n\(block)\nstderr: \(result.stderr)")
            XCTAssertEqual(result.stderr, "", "example \(number + 1)")
            XCTAssertFalse(result.stdout.isEmpty, "example \(number + 1) prints its results")
        }
    }
}
