import Testing
@testable import Ops

/// `show X` for images and maps: half blocks, colour modes, fitting, legends, and no escapes off a terminal.
struct PictureTests {
    /// Red, green / blue, white.
    let rgb = try! Tensor(shape: [2, 2, 3], values: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1])

    @Test func halfBlocksInTrueColour() throws {
        let out = try VizHarness.run("show", [.word("x")], tensors: ["x": rgb],
                                     terminal: VizHarness.terminal(columns: 4, rows: 3))
        #expect(VizHarness.visible(out) == """
            \\e[38;2;255;0;0m\\e[48;2;0;0;255m▀\\e[38;2;0;255;0m\\e[48;2;255;255;255m▀\\e[0m
            x [2,2,3]  values 0..1

            """)
    }

    @Test func halfBlocksIn256Colours() throws {
        let out = try VizHarness.run("show", [.word("x")], tensors: ["x": rgb],
                                     terminal: VizHarness.terminal(columns: 4, rows: 3, trueColor: false))
        #expect(VizHarness.visible(out).hasPrefix("\\e[38;5;196m\\e[48;5;21m▀\\e[38;5;46m\\e[48;5;231m▀\\e[0m\n"))
    }

    @Test func oddHeightLeavesLastLowerHalfEmpty() throws {
        let column = try Tensor(shape: [3, 1, 3], values: [1, 0, 0, 0, 1, 0, 0, 0, 1])
        let out = try VizHarness.run("show", [.word("c")], [("width", .number(1))], tensors: ["c": column],
                                     terminal: VizHarness.terminal())
        #expect(VizHarness.visible(out).hasPrefix("""
            \\e[38;2;255;0;0m\\e[48;2;0;255;0m▀\\e[0m
            \\e[49m\\e[38;2;0;0;255m▀\\e[0m

            """))
    }

    @Test func mapsGoThroughTheColourMapMinToMax() throws {
        // Scaled min..max: 5 → viridis(0) = #440154, 7 → viridis(1) (bytes as matplotlib truncates them).
        let map = try matrix([[5, 7], [7, 5]])
        let out = try VizHarness.run("show", [.word("m")], [("cmap", .word("viridis")), ("as", .word("picture"))],
                                     tensors: ["m": map], terminal: VizHarness.terminal(columns: 4, rows: 3))
        let lines = VizHarness.visible(out).split(separator: "\n").map(String.init)
        #expect(lines[0] == "\\e[38;2;68;1;84m\\e[48;2;253;231;36m▀\\e[38;2;253;231;36m\\e[48;2;68;1;84m▀\\e[0m")
        #expect(lines[1].hasPrefix("m [2,2]  5 ▕\\e[38;2;"))
        #expect(lines[1].hasSuffix("\\e[0m▏ 7  cmap=viridis"))
        #expect(lines[1].components(separatedBy: "▀").count - 1 == 24)
    }

    @Test func fitsTheTerminalKeepingAspect() throws {
        let photo = try Tensor(shape: [224, 224, 3], repeating: 0.5)
        let terminal = VizHarness.terminal(columns: 100, rows: 30)
        let square = try VizHarness.run("show", [.word("p")], tensors: ["p": photo], terminal: terminal)
        #expect(blockRows(square) == Array(repeating: 56, count: 28))  // height-bound: 2·(30-2) = 56 pixel rows
        let wide = try Tensor(shape: [100, 400, 1], repeating: 0)
        let out = try VizHarness.run("show", [.word("w")], tensors: ["w": wide], terminal: terminal)
        #expect(blockRows(out) == Array(repeating: 100, count: 13))  // width-bound: 100x25 pixels
        let tiny = try Tensor(shape: [5, 5, 1], repeating: 0)
        let big = try VizHarness.run("show", [.word("t")], tensors: ["t": tiny], terminal: VizHarness.terminal())
        #expect(blockRows(big) == Array(repeating: 40, count: 20))  // enlarged by a whole factor: 8
        let chosen = try VizHarness.run("show", [.word("p")], [("width", .number(20))], tensors: ["p": photo],
                                        terminal: terminal)
        #expect(blockRows(chosen) == Array(repeating: 20, count: 10))
    }

    @Test func clippedRgbSaysSo() throws {
        let hot = try Tensor(shape: [1, 1, 3], values: [2, -1, 0.5])
        let out = try VizHarness.run("show", [.word("h")], [("width", .number(1))], tensors: ["h": hot],
                                     terminal: VizHarness.terminal())
        #expect(VizHarness.visible(out).hasPrefix("\\e[49m\\e[38;2;255;0;128m▀"))  // 0.5·255 = 127.5 → 128
        #expect(out.hasSuffix("h [1,1,3]  values 0..1, clipped (scale=auto stretches min..max)\n"))
        let stretched = try VizHarness.run("show", [.word("h")], [("scale", .word("auto")), ("width", .number(1))],
                                           tensors: ["h": hot],
                                           terminal: VizHarness.terminal())
        #expect(VizHarness.visible(stretched).hasPrefix("\\e[49m\\e[38;2;255;0;128m▀"))  // (v+1)/3: 1, 0, 0.5
    }

    @Test func noEscapeCodesOffATerminal() throws {
        let map = try Tensor(shape: [20, 30], repeating: 0.25)
        let out = try VizHarness.run("show", [.word("x"), .word("m")], tensors: ["x": rgb, "m": map])
        #expect(out == """
            x: [2,2,3], values 0..1; not a terminal, so no picture (save x FILE.png to look at it)
            m: [20,30], values 0.25..0.25; not a terminal, so no picture (save m FILE.png to look at it)

            """)
    }

    @Test func charactersWithoutColour() throws {
        let map = try matrix([[0, 1], [0, 1], [1, 1], [0, 0]])
        let out = try VizHarness.run("show", [.word("m")], [("as", .word("picture"))], tensors: ["m": map],
                                     terminal: VizHarness.terminal(columns: 2, rows: 4, color: false))
        // Rows 0-1: black over black, white over white; rows 2-3: white over black, mean luma 127.5 → "=".
        #expect(out == " @\n==\nm [4,2]  0 ▕  ...::---==++***##%%%@@▏ 1  cmap=gray\n")
        #expect(!out.contains("\u{1B}"))
    }

    @Test func kittyAndSixelWhenTheTerminalSupportsThem() throws {
        let kitty = try VizHarness.run("show", [.word("x")], tensors: ["x": rgb],
                                       terminal: VizHarness.terminal(columns: 4, rows: 3, graphics: .kitty))
        // The cell size is unknown (10x20 assumed): 4x1 cells of pixels hold the 2x2 image enlarged 10 times,
        // and kitty is told to fill the 2x1 cells it takes. The 1200 bytes of flat colour go zlib-compressed (o=z;
        // GraphicsProtocolTests inflates such a payload back to its pixels).
        #expect(VizHarness.visible(kitty).hasPrefix("\\e_Ga=T,f=24,s=20,v=20,o=z,c=2,r=1,q=2,m=0;"))
        #expect(!kitty.contains("▀"))
        let sixel = try VizHarness.run("show", [.word("x")], tensors: ["x": rgb],
                                       terminal: VizHarness.terminal(columns: 4, rows: 3, graphics: .sixel))
        #expect(sixel.hasPrefix("\u{1B}P") && sixel.contains("\"1;1;20;20"))
        let noColor = try VizHarness.run("show", [.word("x")], tensors: ["x": rgb],
                                         terminal: VizHarness.terminal(columns: 4, rows: 3, color: false,
                                                                       graphics: .kitty))
        #expect(!noColor.contains("\u{1B}"))
    }

    /// The number of `▀` cells on each picture line (legend excluded).
    private func blockRows(_ out: String) -> [Int] {
        out.split(separator: "\n").dropLast().map { $0.components(separatedBy: "▀").count - 1 }
    }
}
