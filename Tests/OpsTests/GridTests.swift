import Testing
@testable import Ops

/// Grids of maps and of several tensors, laid out for a fixed terminal.
struct GridTests {
    @Test func layoutPicksWidestTilesThatFit() {
        // 4 tiles of 2x2 in 11x8 cells: 2 per row gives 4-cell tiles in 2·(1+2) = 6 lines; 1 per row needs 24.
        #expect(PictureLayout.grid(count: 4, width: 2, height: 2, columns: 11, lines: 8)
                == PictureLayout.Grid(columns: 2, tileWidth: 4, tileHeight: 4))
        // 64 maps of 224x224 in 80x22: 13 per row of 5x5 → 5 rows of 1 + 3 lines = 20.
        #expect(PictureLayout.grid(count: 64, width: 224, height: 224, columns: 80, lines: 22)
                == PictureLayout.Grid(columns: 13, tileWidth: 5, tileHeight: 5))
        // Nothing fits 1 line: fewest lines wins — 2 per row of 1-cell tiles (2 rows of 1 + 1 lines), not 1 per row
        // of 3-cell tiles (3 rows of 1 + 2); 3 per row leaves no cell per tile.
        #expect(PictureLayout.grid(count: 3, width: 4, height: 4, columns: 3, lines: 1)
                == PictureLayout.Grid(columns: 2, tileWidth: 1, tileHeight: 1))
        #expect(PictureLayout.grid(count: 10, width: 8, height: 4, columns: 80, lines: 20, tileWidth: 16)
                == PictureLayout.Grid(columns: 4, tileWidth: 16, tileHeight: 8))
    }

    @Test func channelGridGolden() throws {
        // Channel 0 is a checkerboard, 1 constant, 2 one bright corner, 3 the other diagonal; each drawn 4x4.
        let values: [Float] = [0, 5, 0, 1, /* (0,1) */ 1, 5, 0, 0, /* (1,0) */ 1, 5, 0, 0, /* (1,1) */ 0, 5, 1, 1]
        let x = try Tensor(shape: [2, 2, 4], values: values)
        let out = try VizHarness.run("show", [.word("x")], tensors: ["x": x],
                                     terminal: VizHarness.terminal(columns: 11, rows: 10, color: false))
        #expect(out == """
            0    1
              @@
            @@
            2    3
                 @@
              @@   @@
            x [2,2,4]: 4 pictures, 2 by 2; each map scaled to its own min..max, cmap=gray

            """)
    }

    @Test func severalTensorsLabelledAsTyped() throws {
        let a = try matrix([[0, 1], [1, 0]]), b = try Tensor(shape: [2, 2, 3], repeating: 1)
        let out = try VizHarness.run("show", [.word("a"), .word("b")], tensors: ["a": a, "b": b],
                                     terminal: VizHarness.terminal(columns: 9, rows: 6, color: false))
        #expect(out == """
            a    b
              @@ @@@@
            @@   @@@@
            a [2,2], b [2,2,3]: 2 pictures, 2 by 1; each map scaled to its own min..max, RGB clipped to 0..1, cmap=gray

            """)
        let colour = try VizHarness.run("show", [.word("a"), .word("b")], tensors: ["a": a, "b": b],
                                        terminal: VizHarness.terminal(columns: 9, rows: 6))
        let lines = colour.split(separator: "\n")
        #expect(lines[0] == "a    b")
        #expect(lines[1].components(separatedBy: "▀").count - 1 == 8)
    }

    @Test func tilesOfEachShape() throws {
        #expect(try Tile.tiles(of: Tensor(shape: [4, 4, 64], repeating: 0), label: nil).map(\.label)
                == (0..<64).map(String.init))
        #expect(try Tile.tiles(of: Tensor(shape: [4, 4, 2], repeating: 0), label: "f").map(\.label) == ["f:0", "f:1"])
        let batch = try Tile.tiles(of: Tensor(shape: [2, 4, 4, 3], repeating: 0), label: "x")
        #expect(batch.map(\.label) == ["x[0]", "x[1]"] && batch.allSatisfy { $0.channels == 3 })
        #expect(throws: OpError("cannot draw [5] as a picture: expected [H,W], [H,W,C] or [N,H,W,C]")) {
            try Tile.tiles(of: Tensor(shape: [5], repeating: 0), label: nil)
        }
    }

    @Test func resamplingAveragesOrRepeats() throws {
        #expect(Tile.boxes(4, 2) == [0..<2, 2..<4])
        #expect(Tile.boxes(2, 4) == [0..<1, 0..<1, 1..<2, 1..<2])
        #expect(Tile.boxes(3, 2) == [0..<1, 1..<3])
        let tile = try Tile.tiles(of: matrix([[1, 3, 5, 7], [1, 3, .nan, 7]]), label: nil)[0]
        #expect(tile.resampled(width: 2, height: 1) == [2, 19.0 / 3])
        #expect(tile.resampled(width: 8, height: 2)[0..<4] == [1, 1, 3, 3])
    }
}
