import Testing
@testable import Ops

/// `explain`: windows, products and sums worked out by hand (not by our conv), borders included.
struct ExplainTests {
    /// 1 2 3 / 4 5 6 / 7 8 9.
    let x = try! matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    /// Sobel-like: 1 0 -1 / 2 0 -2 / 1 0 -1.
    let sobel = try! matrix([[1, 0, -1], [2, 0, -2], [1, 0, -1]])

    private func conv(_ k: Tensor, _ padding: String, _ options: [(String, Syntax)] = [], input: Tensor? = nil)
        throws -> Tensor {
        try VizHarness.make("conv2d", [.word("x"), .word("k"), .word(padding)], options,
                            tensors: ["x": input ?? x, "k": k])
    }

    private func explain(_ f: Tensor, _ y: Int, _ x: Int, out: Int = 0) -> ConvExplanation {
        let g = (f.origin!.detail as! ConvRun).geometry
        return ConvExplanation(input: f.origin!.inputs[0], kernel: f.origin!.inputs[1], geometry: g, n: 0, y: y,
                               x: x, outChannel: out)
    }

    @Test func samePaddingCornerCentreAndFarCorner() throws {
        let f = try conv(sobel, "same")
        // (0,0): window 0 0 0 / 0 1 2 / 0 4 5 → 0 + (0·2 + 1·0 + 2·-2) + (0·1 + 4·0 + 5·-1) = -9.
        let corner = explain(f, 0, 0)
        #expect(corner.channels[0].taps.map(\.value) == [0, 0, 0, 0, 1, 2, 0, 4, 5])
        #expect(corner.channels[0].taps.map(\.isPadding) == [true, true, true, true, false, false, true, false, false])
        #expect(corner.sum == -9)
        // (1,1): 1 - 3 + 8 - 12 + 7 - 9 = -8.
        #expect(explain(f, 1, 1).sum == -8)
        // (2,2): window 5 6 0 / 8 9 0 / 0 0 0 → 5 + 16 = 21.
        #expect(explain(f, 2, 2).sum == 21)
        #expect(f[0, 0] == -9 && f[1, 1] == -8 && f[2, 2] == 21)
    }

    @Test func evenKernelPutsOddPaddingBottomRight() throws {
        // 2x2 kernel, SAME: total padding 1 per axis → top 0, bottom 1, left 0, right 1.
        let f = try conv(matrix([[1, 2], [3, 4]]), "same")
        let g = (f.origin!.detail as! ConvRun).geometry
        #expect([g.padTop, g.padBottom, g.padLeft, g.padRight] == [0, 1, 0, 1])
        #expect(explain(f, 0, 0).sum == 1 + 4 + 12 + 20)      // window 1 2 / 4 5
        let last = explain(f, 2, 2)                           // window 9 (0) / (0) (0)
        #expect(last.channels[0].taps.map(\.isPadding) == [false, true, true, true])
        #expect(last.sum == 9)
    }

    @Test func reflectBorderReadsMirroredPixels() throws {
        // Ones 3x3, reflect: row -1 reads row 0, column -1 reads column 0 → rows (1 1 2), (1 1 2), (4 4 5) = 21.
        let f = try conv(Tensor(shape: [3, 3], repeating: 1), "same", [("border", .word("reflect"))])
        let e = explain(f, 0, 0)
        #expect(e.channels[0].taps.map(\.value) == [1, 1, 2, 1, 1, 2, 4, 4, 5])
        #expect(e.channels[0].taps.filter(\.isPadding).count == 5)
        #expect(e.sum == 21)
        // wrap: row -1 reads row 2, column -1 reads column 2 → (9 7 8), (3 1 2), (6 4 5) = 45.
        let w = try conv(Tensor(shape: [3, 3], repeating: 1), "same", [("border", .word("wrap"))])
        #expect(explain(w, 0, 0).sum == 45)
    }

    @Test func multiChannelBankSumsOverChannelsAndFusedRelu() throws {
        // Input 1x2 pixels of 2 channels; 1x1 bank [1,1,2,1] with weights 2 and -3: out = 2·c0 - 3·c1.
        let input = try Tensor(shape: [1, 2, 2], values: [1, 1, 5, 1])
        let bank = try Tensor(shape: [1, 1, 2, 1], values: [2, -3])
        let f = try conv(bank, "valid", [("activation", .word("relu"))], input: input)
        let e0 = explain(f, 0, 0), e1 = explain(f, 0, 1)
        #expect(e0.channels.map(\.index) == [0, 1])
        #expect(e0.sum == -1 && e0.output == 0)               // 2 - 3, relu → 0
        #expect(e1.sum == 7 && e1.output == 7)                // 10 - 3
    }

    @Test func printedExplanationGolden() throws {
        let f = try conv(sobel, "same")
        let out = try VizHarness.run("explain", [.word("f"), .number(0), .number(0)], tensors: ["f": f])
        #expect(out == """
            f at y=0, x=0, channel 0 of 1: 3x3 kernel on 3x3x1 input, stride 1x1, dilation 1x1
            padding: top 1, bottom 1, left 1, right 1 (border=zero; padding values in parentheses)

            input channel 0, rows -1..1, columns -1..1       kernel           products
            (0)  (0)  (0)                                     1   0  -1       (0)  (0)  (0)
            (0)    1    2                                ×    2   0  -2   =   (0)    0   -4
            (0)    4    5                                     1   0  -1       (0)    0   -5

            sum of products = -9
            f holds -9

            """)
    }

    @Test func stridedAndDilatedWindowsAndErrors() throws {
        let big = try Tensor(shape: [5, 5], values: (0..<25).map(Float.init))
        let f = try conv(Tensor(shape: [2, 2], repeating: 1), "valid", [("dilation", .number(2)), ("stride", .number(2))],
                         input: big)
        // Output (0,0) reads rows 0,2 and columns 0,2: 0 + 2 + 10 + 12 = 24.
        let e = explain(f, 0, 0)
        #expect(e.channels[0].taps.map { [$0.row, $0.column] } == [[0, 0], [0, 2], [2, 0], [2, 2]])
        #expect(e.sum == 24)
        let out = try VizHarness.run("explain", [.word("f"), .number(0), .number(0)], tensors: ["f": f])
        #expect(out.contains("rows 0..2 step 2, columns 0..2 step 2"))
        #expect(throws: OpError("explain: argument 2 (Y): expected an integer between 0 and 1, got 2")) {
            try VizHarness.run("explain", [.word("f"), .number(2), .number(0)], tensors: ["f": f])
        }
        #expect(throws: OpError("explain: argument 1 (F): 'x' was not made by conv2d (it was loaded, typed, or made by "
            + "another op); explain the result of conv2d itself")) {
            try VizHarness.run("explain", [.word("x"), .number(0), .number(0)], tensors: ["x": x])
        }
        let d = try VizHarness.make("relu", [.word("f")], tensors: ["f": f])
        #expect(throws: OpError.self) { try VizHarness.run("explain", [.word("d"), .number(0), .number(0)],
                                                           tensors: ["d": d]) }
    }

    @Test func manyInputChannelsListPartialSums() throws {
        let input = try Tensor(shape: [1, 1, 6], values: [1, 2, 3, 4, 5, 6])
        let bank = try Tensor(shape: [1, 1, 6, 1], repeating: 1)
        let f = try conv(bank, "valid", input: input)
        let out = try VizHarness.run("explain", [.word("f"), .number(0), .number(0)], tensors: ["f": f])
        #expect(out.contains("sum per input channel (cin=I shows one in full):\n  0: 1  1: 2  2: 3  3: 4  4: 5  5: 6\n"))
        #expect(out.contains("sum of products over 6 input channels = 21\n"))
        let one = try VizHarness.run("explain", [.word("f"), .number(0), .number(0)], [("cin", .number(4))],
                                     tensors: ["f": f])
        #expect(one.contains("input channel 4, rows 0..0, columns 0..0"))
    }
}
