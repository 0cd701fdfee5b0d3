import XCTest
@testable import Ops

/// Each op on tiny tensors whose results are worked out by hand in the comments.
final class OpTests: XCTestCase {
    var runner = OpRunner()

    override func setUp() {
        // x = 1 2 3 / 4 5 6 / 7 8 9, k = 1 2 / 3 4
        runner = OpRunner(["x": try! matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), "k": try! matrix([[1, 2], [3, 4]])])
    }

    // MARK: - conv2d

    func testConvSameSplitsPaddingBottomRight() throws {
        // SAME with a 2x2 kernel pads 1 in total: 0 above/left, 1 below/right (TensorFlow's split).
        // out(0,0) = 1·1+2·2+4·3+5·4 = 37; out(0,2) = 3·1+6·3 = 21; out(2,0) = 7·1+8·2 = 23; out(2,2) = 9·1.
        let y = try runner.tensor("conv2d", [.word("x"), .word("k"), .word("same")])
        XCTAssertEqual(y.shape, [3, 3])
        XCTAssertEqual(y.scalars, [37, 47, 21, 67, 77, 33, 23, 26, 9])
    }

    func testConvValidIsTheDefault() throws {
        let y = try runner.tensor("conv2d", [.word("x"), .word("k")])
        XCTAssertEqual(y.shape, [2, 2])
        XCTAssertEqual(y.scalars, [37, 47, 67, 77])
    }

    func testConvStrideAndDilation() throws {
        // SAME, stride 2: OH = ceil(3/2) = 2, padding (2-1)·2+2-3 = 1 → bottom/right: rows/cols 0 and 2.
        let strided = try runner.tensor("conv2d", [.word("x"), .word("k"), .word("same")], options: [("stride", .number(2))])
        XCTAssertEqual(strided.scalars, [37, 21, 23, 9])
        // VALID, dilation 2: the 2x2 kernel spans 3x3 and touches the corners: 1·1+3·2+7·3+9·4 = 64.
        let dilated = try runner.tensor("conv2d", [.word("x"), .word("k")], options: [("dilation", .number(2))])
        XCTAssertEqual(dilated.shape, [1, 1])
        XCTAssertEqual(dilated.scalars, [64])
        // stride=[2,1]: rows 0 and 2 of the SAME result, every column.
        let rows = try runner.tensor("conv2d", [.word("x"), .word("k"), .word("same")],
                                     options: [("stride", .list([.number(2), .number(1)]))])
        XCTAssertEqual(rows.shape, [2, 3])
        XCTAssertEqual(rows.scalars, [37, 47, 21, 23, 26, 9])
    }

    func testConvDepthwiseAndBankShapes() throws {
        // Two channels, the second = 10 · the first; a 2-D kernel filters each channel on its own.
        runner.tensors["rgb"] = try Tensor(shape: [3, 3, 2], values: (1...9).flatMap { [Float($0), Float($0 * 10)] })
        let y = try runner.tensor("conv2d", [.word("rgb"), .word("k")])
        XCTAssertEqual(y.shape, [2, 2, 2])
        XCTAssertEqual(y.scalars, [37, 370, 47, 470, 67, 670, 77, 770])
        // A [2,2,2,1] bank sums both channels: 37 + 370 = 407 ...
        runner.tensors["bank"] = try Tensor(shape: [2, 2, 2, 1], values: [1, 1, 2, 2, 3, 3, 4, 4])
        let summed = try runner.tensor("conv2d", [.word("rgb"), .word("bank")])
        XCTAssertEqual(summed.shape, [2, 2, 1])
        XCTAssertEqual(summed.scalars, [407, 517, 737, 847])
    }

    func testConvBorderModes() throws {
        // 1-D view: row [1,2,3] with kernel [1,1,1] SAME; the left pad reads x(-1), the right x(3).
        runner.tensors["row"] = try matrix([[1, 2, 3]])
        runner.tensors["ones"] = try matrix([[1, 1, 1]])
        func border(_ mode: String) throws -> [Float] {
            try runner.tensor("conv2d", [.word("row"), .word("ones"), .word("same")],
                              options: [("border", .word(mode))]).scalars
        }
        XCTAssertEqual(try border("zero"), [3, 6, 5])        // 0+1+2, 1+2+3, 2+3+0
        XCTAssertEqual(try border("reflect"), [4, 6, 8])     // 1|1 2 3|3
        XCTAssertEqual(try border("replicate"), [4, 6, 8])   // 1|1 2 3|3
        XCTAssertEqual(try border("wrap"), [6, 6, 6])        // 3|1 2 3|1
        runner.tensors["row5"] = try matrix([[1, 2, 3]])
        runner.tensors["five"] = try matrix([[1, 1, 1, 1, 1]])
        // Padding 2: reflect 2 1|1 2 3|3 2 → 2+1+1+2+3, 1+1+2+3+3, 1+2+3+3+2; replicate 1 1|1 2 3|3 3.
        XCTAssertEqual(try runner.tensor("conv2d", [.word("row5"), .word("five"), .word("same")],
                                         options: [("border", .word("reflect"))]).scalars, [9, 10, 11])
        XCTAssertEqual(try runner.tensor("conv2d", [.word("row5"), .word("five"), .word("same")],
                                         options: [("border", .word("replicate"))]).scalars, [8, 10, 12])
    }

    func testConvActivationRelu() throws {
        runner.tensors["neg"] = try matrix([[1, -1], [-1, 1]])
        let y = try runner.tensor("conv2d", [.word("x"), .word("neg"), .word("same")], options: [("activation", .word("relu"))])
        // Without relu: 1-2-4+5 = 0, 2-3-5+6 = 0, 3-6 = -3; 0, 0, -3; 7-8 = -1, -1, 9.
        XCTAssertEqual(y.scalars, [0, 0, 0, 0, 0, 0, 0, 0, 9])
    }

    func testConvErrorsSayWhy() {
        XCTAssertEqual(runner.error("conv2d", [.word("x"), .word("k"), .word("sme")]),
                       "conv2d: argument 3 (same|valid): expected same|valid, got 'sme'; did you mean same?")
        runner.tensors["big"] = try! Tensor(shape: [4, 4], repeating: 1)
        XCTAssertEqual(runner.error("conv2d", [.word("k"), .word("big")]),
                       "conv2d: valid padding needs the input (2x2, from [2,2]) at least as large as the kernel's "
                       + "extent 4x4 (from [4,4], dilation 1x1); use same padding")
        runner.tensors["bank3"] = try! Tensor(shape: [2, 2, 3, 1], repeating: 1)
        XCTAssertEqual(runner.error("conv2d", [.word("x"), .word("bank3")]),
                       "conv2d: kernel [2,2,3,1] expects 3 input channel(s), but the input [3,3] has 1")
        XCTAssertEqual(runner.error("conv2d", [.word("x"), .word("kk")]),
                       "conv2d: argument 2 (K): unknown name 'kk'; did you mean k?")
        XCTAssertEqual(runner.error("conv2d", [.word("x")]),
                       "conv2d: missing argument 2 (K); usage: " + Conv2D().usage)
        XCTAssertEqual(runner.error("conv2d", [.word("x"), .word("k")], options: [("strid", .number(2))]),
                       "conv2d: unknown option 'strid'; did you mean stride?; usage: " + Conv2D().usage)
        XCTAssertEqual(runner.error("conv2d", [.word("x"), .word("k")], options: [("stride", .number(0))]),
                       "conv2d: option stride: expected a positive integer or [H,W], got 0")
        XCTAssertEqual(runner.error("conv2d", [.word("x"), .word("k")], options: [("border", .word("mirror"))]),
                       "conv2d: option border: expected zero|reflect|replicate|wrap, got 'mirror'")
    }

    // MARK: - relu

    func testRelu() throws {
        runner.tensors["v"] = try Tensor(shape: [6], values: [-2, -0.0, 0, 0.5, .nan, -.infinity])
        let y = try runner.tensor("relu", [.word("v")])
        XCTAssertEqual(y.scalars[0], 0)
        XCTAssertEqual(y.scalars[1].sign, .plus, "-0.0 becomes +0.0")
        XCTAssertEqual(y.scalars[3], 0.5)
        XCTAssert(y.scalars[4].isNaN, "NaN stays NaN")
        XCTAssertEqual(y.scalars[5], 0)
        XCTAssertEqual(runner.tensors["v"]!.scalars[0], -2, "the input is not changed")
    }

    // MARK: - maxpool

    func testMaxPool() throws {
        // Default: 2x2 windows, stride 2, VALID: only the top-left window fits → 5.
        XCTAssertEqual(try runner.tensor("maxpool", [.word("x")]).scalars, [5])
        // SAME: OH = 2, padding 1 at the bottom/right: windows {1,2,4,5} {3,6} {7,8} {9}.
        XCTAssertEqual(try runner.tensor("maxpool", [.word("x"), .word("same")]).scalars, [5, 6, 8, 9])
        // Padding never wins: on -x the lone-pixel windows give -3, -7, -9, not 0.
        runner.tensors["neg"] = try matrix([[-1, -2, -3], [-4, -5, -6], [-7, -8, -9]])
        XCTAssertEqual(try runner.tensor("maxpool", [.word("neg"), .word("same")]).scalars, [-1, -3, -7, -9])
        // size 2, stride 1: every 2x2 window.
        let overlapping = try runner.tensor("maxpool", [.word("x")], options: [("stride", .number(1))])
        XCTAssertEqual(overlapping.shape, [2, 2])
        XCTAssertEqual(overlapping.scalars, [5, 6, 8, 9])
        // size=[1,3]: the max of each row.
        XCTAssertEqual(try runner.tensor("maxpool", [.word("x")], options: [("size", .list([.number(1), .number(3)]))])
                       .scalars, [3, 6, 9])
        XCTAssertEqual(runner.error("maxpool", [.word("x")], options: [("size", .number(4))]),
                       "maxpool: valid padding needs the input (3x3, from [3,3]) at least as large as the kernel's "
                       + "extent 4x4 (from [4,4], dilation 1x1); use same padding")
    }

    // MARK: - stats

    func testStatsNumbers() throws {
        // -1 0 / 0 3 / 2 2: mean 6/6 = 1; squared deviations 4+1+1+4+1+1 = 12, variance 2, std √2 = 1.41421.
        runner.tensors["m"] = try matrix([[-1, 0], [0, 3], [2, 2]])
        XCTAssertNil(try runner.run("stats", [.word("m")]))
        // Histogram: 32 bins of width 4/32 over -1..3: -1 → bin 0 (1 value), 0 → bin 8 (2), 2 → bin 24 (2),
        // 3 → bin 31 (1); bars scale with √count, so 1 of 2 is √½ ≈ 0.71 of full height: ▆ (6/8).
        XCTAssertEqual(runner.takePrinted(), """
            m: [3,2] float32, 24 B
              min -1  max 3  mean 1  std 1.41421
              zeros 33.33%  negatives 16.67%
              histogram -1 ▕▆       █               █      ▆▏ 3

            """)
        let s = Summary(runner.tensors["m"]!)
        XCTAssertEqual(s.std, 2.0.squareRoot(), accuracy: 1e-12)
        runner.tensors["n"] = try matrix([[.nan, 1], [3, .nan]])
        _ = try runner.run("stats", [.word("n")])
        XCTAssertEqual(runner.takePrinted(), """
            n: [2,2] float32, 16 B
              min 1  max 3  mean 2  std 1
              zeros 0.00%  negatives 0.00%  NaN 2
              histogram 1 ▕█                              █▏ 3

            """)
    }

    // MARK: - show

    func testShowTable() throws {
        _ = try runner.run("show", [.word("k")])
        // Header as ImageMagick's showKernel: origin +0+0 is TF's SAME centre for an even kernel (top/left pad
        // ⌊(2-1)/2⌋ = 0); output range over inputs in [0,1] is (sum of negatives, sum of positives) = 0 to 10.
        XCTAssertEqual(runner.takePrinted(), """
            Kernel "k" of size 2x2+0+0 with values from 1 to 4, output range 0 to 10 (sum 10)
            1  2
            3  4

            """)
        runner.tensors["f"] = try matrix([[1, -2.5], [0.125, -0.001]])
        _ = try runner.run("show", [.word("f")])
        // Rounded to 2 decimals, right-aligned; 0.125 is an exact tie and rounds to even (as printf and
        // np.round do); -0.001 rounds to 0.00 without a minus sign.
        let header = "Kernel \"f\" of size 2x2+0+0 with values from -2.5 to 1, output range -2.501 to 1.125 (sum -1.376)\n"
        XCTAssertEqual(runner.takePrinted(), header + " 1.00  -2.50\n 0.12   0.00\n")
        _ = try runner.run("show", [.word("f")], options: [("digits", .number(3))])
        XCTAssertEqual(runner.takePrinted(), header + " 1.000  -2.500\n 0.125  -0.001\n")
        // Larger than 16x16 is a picture, not a table; off a terminal it is described in one line.
        runner.tensors["big"] = try Tensor(shape: [17, 3], repeating: 0)
        _ = try runner.run("show", [.word("big")])
        XCTAssertEqual(runner.takePrinted(), "big: [17,3], values 0..0; not a terminal, so no picture "
            + "(save big FILE.png to look at it)\n")
    }

    func testShowBankSlices() throws {
        runner.tensors["b"] = try runner.tensor("stack", [.word("k"), literal([[0, 1], [1, 0]])])
        _ = try runner.run("show", [.word("b")])
        XCTAssertEqual(runner.takePrinted(), """
            Kernel bank "b" [2,2,1,2]: 2 filters of size 2x2+0+0 with values from 0 to 4
            [:,:,0,0]  sum 10
            1  2
            3  4
            [:,:,0,1]  sum 2
            0  1
            1  0

            """)
    }

    // MARK: - stack and list literals

    func testStackLayout() throws {
        // [kh,kw,1,n]: element (y,x,0,j) = kernel j at (y,x), so taps interleave: 1 5 2 6 3 7 4 8.
        let bank = try runner.tensor("stack", [.word("k"), literal([[5, 6], [7, 8]])])
        XCTAssertEqual(bank.shape, [2, 2, 1, 2])
        XCTAssertEqual(bank.scalars, [1, 5, 2, 6, 3, 7, 4, 8])
        let named = try runner.tensor("stack", [.word("edge"), .word("sobel_x")])
        XCTAssertEqual(named.shape, [3, 3, 1, 2])
        XCTAssertEqual(named[1, 1, 0, 0], 8)
        XCTAssertEqual(named[1, 2, 0, 1], 2)
        XCTAssertEqual(runner.error("stack", [.word("k"), .word("edge")]),
                       "stack: argument 2 (K): kernel [3,3] differs in size from the first, [2,2]")
        XCTAssertEqual(runner.error("stack", [.word("gaussian")]), "stack: argument 1 (K): unknown name 'gaussian'")
    }

    func testListLiterals() throws {
        let t = try ListLiteral.tensor(Syntax.list([literal([[1, 2], [3, 4]]), literal([[5, 6], [7, 8]])]).value)
        XCTAssertEqual(t.shape, [2, 2, 2])
        XCTAssertEqual(t.scalars, [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(try ListLiteral.tensor(Syntax.list([.number(-1.5)]).value).shape, [1])
        func message(_ s: Syntax) -> String {
            do { _ = try ListLiteral.tensor(s.value); return "no error" } catch { return "\(error)" }
        }
        XCTAssertEqual(message(.list([.list([.number(1), .number(2)]), .list([.number(3)])])),
                       "ragged list: expected 2 items at depth 2, got [3]")
        XCTAssertEqual(message(.list([.list([.number(1), .number(2)]), .number(3)])),
                       "ragged list: expected a list of 2 at depth 2, got 3")
        XCTAssertEqual(message(.list([.number(1), .list([.number(2)])])),
                       "ragged list: expected a number at depth 2, got [2]")
        XCTAssertEqual(message(.list([])), "empty list in []")
        XCTAssertEqual(runner.error("conv2d", [.word("x"), .list([.list([.number(1)]), .list([])])]),
                       "conv2d: argument 2 (K): ragged list: expected 1 items at depth 2, got []")
    }
}
