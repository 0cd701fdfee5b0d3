import XCTest
@testable import Ops

/// The threaded schedules of average pooling (every kernel set this CPU runs) and resampling against their
/// oracles, on random odd shapes.
final class CourseScheduleTests: XCTestCase {
    /// Float sums of a few terms in window order against a Double sum: rounding only, far below a wrong tap.
    func assertNear(_ a: Tensor, _ b: Tensor, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.shape, b.shape, label, file: file, line: line)
        let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max()
        XCTAssertNotNil(worst, label, file: file, line: line)
        XCTAssertLessThanOrEqual(worst ?? 1, 2e-6, label, file: file, line: line)
    }

    func testAveragePoolingScheduleEqualsReference() throws {
        var rng = SeededGenerator(seed: 10)
        var cases = 0
        for _ in 0..<40 {
            let shape = [Int.random(in: 1...2, using: &rng), Int.random(in: 1...13, using: &rng),
                         Int.random(in: 1...13, using: &rng), Int.random(in: 1...19, using: &rng)]
            let size = (Int.random(in: 1...4, using: &rng), Int.random(in: 1...4, using: &rng))
            let stride = (Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
            let padding: Padding = Bool.random(using: &rng) ? .same : .valid
            guard let g = try? ConvGeometry(input: shape, kernel: [size.0, size.1], padding: padding, stride: stride)
            else { continue }
            let x = try randomTensor(shape, &rng)
            let expected = try AveragePooling.reference(x, g)
            for isa in ISA.supported {
                for threads in [1, 3] {
                    assertNear(try AveragePooling.pool(x, g, threads: threads, isa: isa), expected,
                               "\(isa) \(shape) \(size) \(stride) \(padding)")
                }
            }
            cases += 1
        }
        XCTAssertGreaterThanOrEqual(cases, 25)
    }

    func testResamplingScheduleEqualsReferenceForEveryMethod() throws {
        var rng = SeededGenerator(seed: 11)
        var cases = 0
        for method in AxisWeights.Method.allCases {
            for antialias in [false, true] {
                for _ in 0..<6 {
                    let (h, w) = (Int.random(in: 1...17, using: &rng), Int.random(in: 1...17, using: &rng))
                    let (oh, ow) = (Int.random(in: 1...23, using: &rng), Int.random(in: 1...23, using: &rng))
                    let x = try randomTensor([Int.random(in: 1...2, using: &rng), h, w, Int.random(in: 1...4, using: &rng)],
                                             &rng)
                    let rows = AxisWeights.make(method, antialias: antialias, from: h, to: oh)
                    let cols = AxisWeights.make(method, antialias: antialias, from: w, to: ow)
                    XCTAssertLessThanOrEqual(rows.taps, h)
                    XCTAssert(rows.starts.allSatisfy { $0 >= 0 && $0 + rows.taps <= h })
                    let expected = try Resampling.reference(x, rows: rows, cols: cols)
                    for threads in [1, 2] {
                        assertNear(try Resampling.resample(x, rows: rows, cols: cols, threads: threads), expected,
                                   "\(method) aa=\(antialias) \(h)x\(w) → \(oh)x\(ow)")
                    }
                    cases += 1
                }
            }
        }
        XCTAssertEqual(cases, 60)
    }
}
