import Foundation

/// A grid of tiles at full resolution, for terminals with kitty or sixel graphics: per row of tiles, one text line
/// of labels, then the row as one picture — the same pixels as that row of `save X FILE.png grid`'s montage
/// (`Montage.raster`: tiles on white, 1-pixel gutters), at the size the terminal's cells allow.
enum PixelGrid {
    /// Tiles per row, the cells each tile's box takes, and the montage inside: a box `boxCells·cellWidth − 1`
    /// pixels wide plus its 1-pixel gutter spans exactly `boxCells` cells, so each label starts over its tile.
    struct Layout: Equatable {
        var perRow, boxCells: Int
        var montage: Montage.Layout
        /// Text lines one strip of tiles takes: `⌈box height / cell height⌉`.
        var stripLines: Int
        /// Lines of the whole grid for `count` tiles: per row of tiles a label line and a strip.
        func lines(count: Int) -> Int { (count + perRow - 1) / perRow * (1 + stripLines) }
    }

    /// The layout for `count` tiles, the largest `width`×`height` pixels, in `columns`×`lines` cells of `cell`
    /// pixels. Tries every number of tiles per row (boxes of `⌊columns/perRow⌋` cells) and keeps the widest boxes
    /// whose grid fits in `lines`; when none fits, the one needing fewest lines. `tileWidth` forces the box width
    /// in cells. A tile is enlarged by whole factors only (`PictureLayout.fit`).
    static func layout(count: Int, width: Int, height: Int, columns: Int, lines: Int,
                       cell: (width: Int, height: Int), tileWidth: Int? = nil) -> Layout {
        func make(_ perRow: Int, _ boxCells: Int) -> Layout {
            let boxWidth = max(1, boxCells * cell.width - 1)
            let size = PictureLayout.fit(width: width, height: height, maxWidth: boxWidth, maxHeight: 1 << 24)
            return Layout(perRow: perRow, boxCells: boxCells,
                          montage: Montage.Layout(perRow: perRow, box: (boxWidth, size.height), gap: 1),
                          stripLines: (size.height + cell.height - 1) / cell.height)
        }
        if let tileWidth { return make(max(1, min(count, columns / tileWidth)), tileWidth) }
        var best: Layout?, fewest: Layout?
        for perRow in 1...max(1, count) {
            let boxCells = columns / perRow
            guard boxCells >= 1 else { break }
            let candidate = make(perRow, boxCells)
            if candidate.lines(count: count) <= lines, candidate.boxCells > (best?.boxCells ?? 0) { best = candidate }
            if candidate.lines(count: count) < fewest?.lines(count: count) ?? Int.max { fewest = candidate }
        }
        return best ?? fewest ?? make(1, max(1, columns))
    }

    /// The grid's text (label lines and picture escapes) and the number of tiles per row.
    static func render(_ tiles: [Tile], terminal: Terminal, options: PictureOptions, drawing: Drawing,
                       progress: Progress?) -> (String, Int) {
        let layout = self.layout(count: tiles.count, width: tiles.map(\.width).max()!,
                                 height: tiles.map(\.height).max()!, columns: terminal.columns,
                                 lines: max(1, terminal.rows - 2), cell: Picture.cell(terminal),
                                 tileWidth: options.width)
        var out: [String] = []
        let rows = (tiles.count + layout.perRow - 1) / layout.perRow
        for row in 0..<rows {
            let members = tiles[row * layout.perRow..<min((row + 1) * layout.perRow, tiles.count)]
            let labels = members.map { Picture.padded(String($0.label.prefix(layout.boxCells - 1)), layout.boxCells) }
            out.append(labels.joined().replacingOccurrences(of: " +$", with: "", options: .regularExpression))
            let strip = Montage.raster(tiles, rows: row..<row + 1, layout: layout.montage, options: options,
                                       progress: progress)
            out.append(Picture.pixels(strip, drawing, terminal))
        }
        return (out.joined(separator: "\n"), layout.perRow)
    }
}
