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

    /// Every method on odd sizes, 1-19 channels (under, at and over a register's lanes), batches of 1-2, every
    /// kernel set and 1-3 threads; both kernels (fused and rows first) must be reached by each kernel set.
    func testResamplingScheduleEqualsReferenceForEveryMethod() throws {
        var rng = SeededGenerator(seed: 11)
        var cases = 0, fused: [ISA: Int] = [:], rowsFirst: [ISA: Int] = [:]
        for method in AxisWeights.Method.allCases {
            for antialias in [false, true] {
                for _ in 0..<8 {
                    let (h, w) = (Int.random(in: 1...37, using: &rng), Int.random(in: 1...37, using: &rng))
                    let (oh, ow) = (Int.random(in: 1...29, using: &rng), Int.random(in: 1...29, using: &rng))
                    let c = [1, 3, 4, 5, 16, 19].randomElement(using: &rng)!
                    let x = try randomTensor([Int.random(in: 1...2, using: &rng), h, w, c], &rng)
                    let rows = AxisWeights.make(method, antialias: antialias, from: h, to: oh)
                    let cols = AxisWeights.make(method, antialias: antialias, from: w, to: ow)
                    XCTAssertLessThanOrEqual(rows.taps, h)
                    XCTAssert(rows.starts.allSatisfy { $0 >= 0 && $0 + rows.taps <= h })
                    let expected = try Resampling.reference(x, rows: rows, cols: cols)
                    for isa in ISA.supported {
                        if Resampling.fused(rows: rows, cols: cols, channels: c, lanes: isa.kernels.lanes) {
                            fused[isa, default: 0] += 1
                        } else {
                            rowsFirst[isa, default: 0] += 1
                        }
                        for threads in [1, 3] {
                            assertNear(try Resampling.resample(x, rows: rows, cols: cols, threads: threads, isa: isa),
                                       expected, "\(isa) \(method) aa=\(antialias) \(h)x\(w)x\(c) → \(oh)x\(ow)")
                        }
                    }
                    cases += 1
                }
            }
        }
        XCTAssertEqual(cases, 80)
        for isa in ISA.supported {
            XCTAssertGreaterThanOrEqual(fused[isa] ?? 0, 10, "\(isa): fused kernel")
            XCTAssertGreaterThanOrEqual(rowsFirst[isa] ?? 0, 10, "\(isa): rows-first kernel")
        }
    }

    /// CV2's shape (1024² RGB → 224² bilinear) and its upsampling mirror, where the vector chunks cover all but
    /// the last pixels of a row, against the oracle on every kernel set.
    func testResamplingLargeRGBEqualsReference() throws {
        var rng = SeededGenerator(seed: 12)
        for (from, to) in [(1024, 224), (97, 301)] {
            let x = try randomTensor([1, from, from, 3], &rng)
            for method in [AxisWeights.Method.bilinear, .bicubic] {
                let axis = AxisWeights.make(method, antialias: false, from: from, to: to)
                let expected = try Resampling.reference(x, rows: axis, cols: axis)
                for isa in ISA.supported {
                    assertNear(try Resampling.resample(x, rows: axis, cols: axis, threads: 2, isa: isa), expected,
                               "\(isa) \(method) \(from) → \(to)")
                }
            }
        }
    }
}
