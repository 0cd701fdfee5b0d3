import Foundation
import TestSupport
import XCTest
@testable import Ops

/// `examples/course.convsh` (lessons 3-6) runs to the end through the built binary and writes its pictures.
final class CourseExampleTests: XCTestCase {
    func testCourseScriptRuns() throws {
        let work = try TemporaryFolder("course")
        // A small photo keeps the debug build's run short; the script resizes to 128x128 anyway.
        let values: [Float] = (0..<8235).map { (i: Int) -> Float in Float((i * 37) % 101) / 100 }
        let npy = work.url.appendingPathComponent("photo.npy"), photo = work.url.appendingPathComponent("photo.png")
        try Data(NPY.encode(try Tensor(shape: [45, 61, 3], values: values))).write(to: npy)
        XCTAssertEqual(try Convsh.run(["-c", "x = load '\(npy.path)'; save x '\(photo.path)'"]).status, 0)
        let script = Convsh.testsFolder.deletingLastPathComponent().appendingPathComponent("examples/course.convsh")
        let result = try Convsh.run([script.path, photo.path, work.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        for line in ["pooled: [23,31,3]", "features: [3]", "s2: [23,31,1]", "s3: [15,20,1]", "framed: [61,77,1]",
                     "p3: [16,16,128]", "flat: [32768]", "probs: [3]", "a1: [45,61,3]"] {
            XCTAssert(result.stdout.contains(line), "missing '\(line)' in\n\(result.stdout)")
        }
        for name in ["pooled", "rotated", "translated", "zoomed", "augment1", "augment2", "augment3"] {
            XCTAssert(FileManager.default.fileExists(atPath: work.url.appendingPathComponent("course_\(name).png").path),
                      name)
        }
    }
}
