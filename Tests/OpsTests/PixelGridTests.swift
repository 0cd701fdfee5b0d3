import Testing
@testable import Ops

/// The full-resolution grid's layout, worked out by hand from `PixelGrid.layout`'s rule.
struct PixelGridTests {
    @Test func widestTilesThatFitThenFewestLines() {
        // 64 maps of 56x37 in 100x38 cells of 9x20 pixels (900 pixels across). perRow ≤ 15 leaves a box of at
        // least (901/15) − 1 = 59 ≥ 56 pixels: native size; 8 per row would take 8·(1 + ⌈37/20⌉) = 24 lines,
        // 13 per row (the first with 5 rows) 5·3 = 15, the fewest. Fewer per row enlarge by whole factors but need too many lines
        // (7 per row: 112x74, 10·(1+4) = 50 > 38).
        let layout = PixelGrid.layout(count: 64, width: 56, height: 37, columns: 100, lines: 38, cell: (9, 20))
        #expect(layout.perRow == 13 && layout.montage.box == (56, 37) && layout.stripLines == 2)
        #expect(layout.lines(count: 64) == 15)
        // Four maps: 2 per row leave 449 pixels, so ×8 (448x296, 2·(1+15) = 32 lines) fits.
        let four = PixelGrid.layout(count: 4, width: 56, height: 37, columns: 100, lines: 38, cell: (9, 20))
        #expect(four.perRow == 2 && four.montage.box == (448, 296))
        // width=N: boxes of at most 6·9 − 1 = 53 pixels (shrunk to 53x35), ⌊901/54⌋ = 16 per row.
        let forced = PixelGrid.layout(count: 64, width: 56, height: 37, columns: 100, lines: 38, cell: (9, 20),
                                      tileWidth: 6)
        #expect(forced.perRow == 16 && forced.montage.box == (53, 35))
    }

    @Test func labelsStartOverTheirTiles() {
        // Tiles 57 pixels apart in cells of 9: they start in cell columns 0, 6 and 12; each label is cut one cell
        // short of the next one's start.
        #expect(PixelGrid.labels(["0", "1", "22"], pitch: 57, cellWidth: 9) == "0     1     22")
        #expect(PixelGrid.labels(["abcdefgh", "b"], pitch: 57, cellWidth: 9) == "abcde b")
    }
}
