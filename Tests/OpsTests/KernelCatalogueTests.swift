import XCTest
@testable import Ops

/// The named kernels: values, sums and orientation worked out by hand.
final class KernelCatalogueTests: XCTestCase {
    let runner = OpRunner()

    func kernel(_ words: Syntax...) throws -> Tensor { try runner.tensor("kernel", words) }

    func sum(_ t: Tensor) -> Double { t.scalars.reduce(0.0) { $0 + Double($1) } }

    /// The single VALID output of a 3x3 kernel on a 3x3 image.
    func response(_ name: String, to image: [[Float]]) throws -> Float {
        runner.tensors["img"] = try matrix(image)
        runner.tensors["k"] = try kernel(.word(name))
        return try runner.tensor("conv2d", [.word("img"), .word("k")]).scalars[0]
    }

    // MARK: - The course's kernels

    func testEdgeIsTheCourseKernel() throws {
        let k = try kernel(.word("edge"))
        XCTAssertEqual(k.shape, [3, 3])
        XCTAssertEqual(k.scalars, [-1, -1, -1, -1, 8, -1, -1, -1, -1])
    }

    func testBlurIsBinomialAndSumsToOne() throws {
        let k = try kernel(.word("blur"))
        XCTAssertEqual(k.scalars, [1, 2, 1, 2, 4, 2, 1, 2, 1].map { $0 / 16 })
        XCTAssertEqual(sum(k), 1)
    }

    func testSumsOfTheFixedKernels() throws {
        // Derivative kernels sum to 0 (flat image → 0); sharpen and emboss keep the mean (sum 1).
        for name in ["edge", "bottom_sobel", "sobel_x", "sobel_y", "prewitt_x", "prewitt_y", "scharr_x", "scharr_y",
                     "laplacian4", "laplacian8"] {
            XCTAssertEqual(sum(try kernel(.word(name))), 0, name)
        }
        XCTAssertEqual(sum(try kernel(.word("sharpen"))), 1)
        XCTAssertEqual(sum(try kernel(.word("emboss"))), 1)
    }

    // MARK: - Orientation: x kernels respond to left→right increase, y kernels to top→bottom

    func testDerivativeOrientation() throws {
        let rampRight: [[Float]] = [[0, 1, 2], [0, 1, 2], [0, 1, 2]]
        let rampDown: [[Float]] = [[0, 0, 0], [1, 1, 1], [2, 2, 2]]
        // Σ row weights · (right − left) = (1+2+1)·2, (1+1+1)·2, (3+10+3)·2.
        for (name, gain) in [("sobel", Float(8)), ("prewitt", 6), ("scharr", 32)] {
            XCTAssertEqual(try response(name + "_x", to: rampRight), gain, name)
            XCTAssertEqual(try response(name + "_x", to: rampDown), 0, name)
            XCTAssertEqual(try response(name + "_y", to: rampDown), gain, name)
            XCTAssertEqual(try response(name + "_y", to: rampRight), 0, name)
        }
        XCTAssertEqual(try response("bottom_sobel", to: rampDown), 8, "bright below dark is positive")
    }

    // MARK: - Parametric families

    func testIdentityAndBox() throws {
        let identity = try kernel(.word("identity"), .number(5))
        XCTAssertEqual(identity.shape, [5, 5])
        XCTAssertEqual(identity.scalars.enumerated().filter { $0.element != 0 }.map(\.offset), [12])
        XCTAssertEqual(identity[2, 2], 1)
        XCTAssertEqual(try kernel(.word("identity")).shape, [3, 3])
        XCTAssertEqual(try kernel(.word("box"), .number(2)).scalars, [0.25, 0.25, 0.25, 0.25])
        XCTAssertEqual(try kernel(.word("box"), .number(3)).scalars, Array(repeating: Float(1) / 9, count: 9))
    }

    func testGaussianIsNormalisedAndSymmetric() throws {
        let k = try kernel(.word("gaussian"), .number(5), .number(1.4))
        XCTAssertEqual(sum(k), 1, accuracy: 1e-6)
        for y in 0..<5 {
            for x in 0..<5 {
                XCTAssertEqual(k[y, x], k[x, y])
                XCTAssertEqual(k[y, x], k[4 - y, x])
                XCTAssertEqual(k[y, x], k[y, 4 - x])
                XCTAssertLessThanOrEqual(k[y, x], k[2, 2])
            }
        }
        // Sampled exp(-r²/2σ²): a side neighbour over the centre is exp(-1/(2σ²)), a corner exp(-8/(2σ²)).
        XCTAssertEqual(Double(k[2, 3] / k[2, 2]), exp(-1 / (2 * 1.4 * 1.4)), accuracy: 1e-6)
        XCTAssertEqual(Double(k[0, 0] / k[2, 2]), exp(-8 / (2 * 1.4 * 1.4)), accuracy: 1e-6)
        // Default sigma, OpenCV's rule for N = 3: 0.3·(1 − 1) + 0.8 = 0.8.
        let small = try kernel(.word("gaussian"), .number(3))
        XCTAssertEqual(Double(small[1, 2] / small[1, 1]), exp(-1 / (2 * 0.64)), accuracy: 1e-6)
    }

    func testLaplacianOfGaussianSumsToZero() throws {
        let k = try kernel(.word("log"), .number(7), .number(1))
        XCTAssertEqual(sum(k), 0, accuracy: 1e-6)
        XCTAssertLessThan(k[3, 3], 0, "negative centre")
        XCTAssertEqual(k[1, 2], k[2, 1])
        XCTAssertEqual(k[0, 3], k[6, 3])
        XCTAssertEqual(k.scalars.min(), k[3, 3])
    }

    func testBadParameters() {
        XCTAssertEqual(runner.error("kernel", [.word("gaussian"), .number(4)]),
                       "kernel: argument 1 (NAME|LIST|random): size must be an odd integer from 1 to 255, got 4")
        XCTAssertEqual(runner.error("kernel", [.word("box")]), "kernel: argument 1 (NAME|LIST|random): missing size N")
        XCTAssertEqual(runner.error("kernel", [.word("edge"), .number(3)]), "kernel: argument 1 (NAME|LIST|random): kernel edge takes no numbers")
        XCTAssertEqual(runner.error("kernel", [.word("gaussian"), .number(5), .number(0)]),
                       "kernel: argument 1 (NAME|LIST|random): sigma must be positive, got 0")
        XCTAssertEqual(runner.error("kernel", [.word("sobelx")]),
                       "kernel: argument 1 (NAME|LIST|random): unknown kernel 'sobelx'; did you mean sobel_x?")
    }

    // MARK: - random: Glorot-uniform, seeded

    func testRandomIsGlorotUniformAndSeeded() throws {
        let a = try runner.tensor("kernel", [.word("random"), .number(3), .number(3), .number(2), .number(4)],
                                  options: [("seed", .number(7))])
        XCTAssertEqual(a.shape, [3, 3, 2, 4])
        let limit = Float((6.0 / (9.0 * (2 + 4))).squareRoot())  // fan_in 18, fan_out 36: 1/3
        XCTAssertEqual(limit, 1 / 3, accuracy: 1e-7)
        XCTAssert(a.scalars.allSatisfy { abs($0) <= limit })
        XCTAssertGreaterThan(a.scalars.map(abs).max()!, 0.8 * limit, "72 draws should come near the limit")
        XCTAssert(a.scalars.contains { $0 < 0 } && a.scalars.contains { $0 > 0 })
        let again = try runner.tensor("kernel", [.word("random"), .number(3), .number(3), .number(2), .number(4)],
                                      options: [("seed", .number(7))])
        XCTAssertEqual(a.scalars, again.scalars)
        let other = try runner.tensor("kernel", [.word("random"), .number(3), .number(3), .number(2), .number(4)],
                                      options: [("seed", .number(8))])
        XCTAssertNotEqual(a.scalars, other.scalars)
        XCTAssertEqual(runner.error("kernel", [.word("random"), .number(3), .number(3)]),
                       "kernel: random takes KH KW CIN COUT, got 2 number(s)")
    }

    func testSplitMix64MatchesThePublishedSequence() {
        // Steele, Lea & Flood's SplitMix64 from seed 0 (the reference C code's first outputs).
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(generator.next(), 0x06C4_5D18_8009_454F)
    }
}
