import Testing
@testable import Ops

/// `show K`: headers, tables and shading, with goldens written out by hand.
struct KernelTableTests {
    let edge = try! matrix([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])

    @Test func plainTableUnderShowKernelStyleHeader() throws {
        let out = try VizHarness.run("show", [.word("k")], tensors: ["k": edge])
        #expect(out == """
            Kernel "k" of size 3x3+1+1 with values from -1 to 8, output range -8 to 8 (zero-summing)
            -1  -1  -1
            -1   8  -1
            -1  -1  -1

            """)
    }

    @Test func sumClasses() throws {
        #expect(KernelTable.sumClass([Float](repeating: 1.0 / 9, count: 9)) == "normalized")
        #expect(KernelTable.sumClass([1, 2, 1, 2, 4, 2, 1, 2, 1]) == "sum 16")
        #expect(KernelTable.sumClass([0.5, 0.25]) == "sum 0.75")
        #expect(KernelTable.sumClass([-1, 0, 1, -2, 0, 2, -1, 0, 1]) == "zero-summing")
        #expect(KernelTable.sumClass([0.1, 0.2, -0.3]) == "zero-summing")  // 0.1+0.2-0.3 ≠ 0 in float32
        let gaussian = try VizHarness.make("kernel", [.word("gaussian"), .number(5), .number(1)])
        #expect(KernelTable.sumClass(gaussian.scalars) == "normalized")
    }

    @Test func evenKernelOriginAndRoundedValues() throws {
        let k = try matrix([[0.125, -0.001, 0.5, 0.25], [1, 2, 3, 4]])
        let out = try VizHarness.run("show", [.word("k")], [("digits", .number(3))], tensors: ["k": k])
        #expect(out == """
            Kernel "k" of size 4x2+1+0 with values from -0.001 to 4, output range -0.001 to 10.875 (sum 10.874)
             0.125  -0.001   0.500   0.250
             1.000   2.000   3.000   4.000

            """)
        let small = try matrix([[-0.001, 0.004]])
        #expect(try VizHarness.run("show", [.word("s")], tensors: ["s": small]).hasSuffix("\n0.00  0.00\n"))
    }

    @Test func shadedCellsAsShowKernelColoursThem() throws {
        // Blues_r(0) = #08306b (ColorBrewer's darkest blue), Blues_r(255) = #f7fbff; 0 ≤ (0+3)/2 takes light text,
        // 3 > 1.5 takes dark text.
        let k = try matrix([[0, 3], [3, 0]])
        let out = try VizHarness.run("show", [.word("k")], tensors: ["k": k], terminal: VizHarness.terminal())
        let dark = "\\e[48;2;8;48;107m\\e[38;2;247;251;255m 0 ", light = "\\e[48;2;247;251;255m\\e[38;2;8;48;107m 3 "
        #expect(VizHarness.visible(out) == """
            Kernel "k" of size 2x2+0+0 with values from 0 to 3, output range 0 to 6 (sum 6)
            \(dark)\(light)\\e[0m
            \(light)\(dark)\\e[0m

            """)
        let palette = try VizHarness.run("show", [.word("k")], tensors: ["k": k],
                                         terminal: VizHarness.terminal(trueColor: false))
        #expect(VizHarness.visible(palette).contains("\\e[48;5;23m\\e[38;5;231m 0 \\e[48;5;231m\\e[38;5;23m 3 \\e[0m"))
    }

    @Test func noEscapesWithoutColour() throws {
        let noColor = try VizHarness.run("show", [.word("k")], tensors: ["k": edge],
                                         terminal: VizHarness.terminal(color: false))
        #expect(!noColor.contains("\u{1B}"))
        #expect(noColor == (try VizHarness.run("show", [.word("k")], tensors: ["k": edge])))
    }

    @Test func bankSlicesLabelledAndCapped() throws {
        let bank = try Tensor(shape: [1, 2, 1, 2], values: [1, 10, 2, 20])
        let out = try VizHarness.run("show", [.word("w")], tensors: ["w": bank])
        #expect(out == """
            Kernel bank "w" [1,2,1,2]: 2 filters of size 2x1+0+0 with values from 1 to 20
            [:,:,0,0]  sum 3
            1  2
            [:,:,0,1]  sum 30
            10  20

            """)
        let one = try VizHarness.run("show", [.word("w")], [("cout", .number(1))], tensors: ["w": bank])
        #expect(one.contains("[:,:,0,1]") && !one.contains("[:,:,0,0]"))
        let big = try VizHarness.make("kernel", [.word("random"), .number(3), .number(3), .number(1), .number(20)])
        let many = try VizHarness.run("show", [.word("w")], tensors: ["w": big])
        #expect(many.components(separatedBy: "[:,:,").count - 1 == 16)
        #expect(many.hasSuffix("... 4 more slices; choose with cin=I cout=O\n"))
    }

    @Test func errorsNameTheProblem() throws {
        let big = try Tensor(shape: [20, 20], repeating: 0)
        #expect(throws: OpError("show: argument 1 (X): [20,20] is not a matrix or kernel of up to 16x16")) {
            try VizHarness.run("show", [.word("x")], [("as", .word("table"))], tensors: ["x": big])
        }
        let bank = try Tensor(shape: [1, 2, 1, 2], values: [1, 10, 2, 20])
        #expect(throws: OpError("show: option cin: w has 1 input channel(s), got 3")) {
            try VizHarness.run("show", [.word("w")], [("cin", .number(3))], tensors: ["w": bank])
        }
        #expect(throws: OpError("show: option cmap: unknown colour map 'magam'; did you mean magma? (maps: gray, magma, "
            + "inferno, plasma, viridis, cividis, Blues, Greys, Reds, hot, jet, RdBu, coolwarm, bwr, seismic)")) {
            try VizHarness.run("show", [.word("w")], [("cmap", .word("magam"))], tensors: ["w": bank])
        }
    }
}

extension KernelTableTests {
    /// Without a label (a bare tensor name's description) only the table is printed.
    @Test func tableWithoutHeader() throws {
        #expect(KernelTable.render(edge, digits: 2) == "-1  -1  -1\n-1   8  -1\n-1  -1  -1")
    }
}
