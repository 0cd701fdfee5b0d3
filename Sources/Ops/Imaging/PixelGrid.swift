import Foundation

/// A grid of tiles at full resolution, for terminals with kitty or sixel graphics: per row of tiles, one text line
/// of labels, then the row as one picture — the same pixels as that row of `save X FILE.png grid`'s montage
/// (`Montage.raster`: tiles on white, 1-pixel gutters, boxes the size of the largest tile) when the tiles fit
/// at their own size, else with every tile scaled alike to what the terminal's cells allow.
enum PixelGrid {
    /// The montage's layout and the text lines one strip of tiles takes, `⌈box height / cell height⌉`.
    struct Layout: Equatable {
        var montage: Montage.Layout
        var stripLines: Int
        var perRow: Int { montage.perRow }
        /// Lines of the whole grid for `count` tiles: per row of tiles a label line and a strip.
        func lines(count: Int) -> Int { (count + perRow - 1) / perRow * (1 + stripLines) }
    }

    /// The layout for `count` tiles, the largest `width`×`height` pixels, in `columns`×`lines` cells of `cell`
    /// pixels. Tries every number of tiles per row (a box at most `(columns·cellWidth + 1)/perRow − 1` pixels
    /// wide, `PictureLayout.fit`: enlarged by whole factors only) and keeps the widest boxes whose grid fits in
    /// `lines`, fewest lines among equals; when none fits, the one needing fewest lines. `tileWidth` sets the
    /// box's width limit in cells instead (`tileWidth·cellWidth − 1` pixels).
    static func layout(count: Int, width: Int, height: Int, columns: Int, lines: Int,
                       cell: (width: Int, height: Int), tileWidth: Int? = nil) -> Layout {
        let pixels = columns * cell.width
        func make(_ perRow: Int, _ limit: Int) -> Layout {
            let box = PictureLayout.fit(width: width, height: height, maxWidth: max(1, limit), maxHeight: 1 << 24)
            return Layout(montage: Montage.Layout(perRow: perRow, box: box, gap: 1),
                          stripLines: (box.height + cell.height - 1) / cell.height)
        }
        if let tileWidth {
            let box = make(1, tileWidth * cell.width - 1).montage.box
            return make(max(1, min(count, (pixels + 1) / (box.width + 1))), tileWidth * cell.width - 1)
        }
        var best: Layout?, fewest: Layout?
        for perRow in 1...max(1, count) {
            let limit = (pixels + 1) / perRow - 1
            guard limit >= 1 else { break }
            let candidate = make(perRow, limit)
            let used = candidate.lines(count: count)
            if used <= lines, best.map({ candidate.montage.box.width > $0.montage.box.width
                || candidate.montage.box.width == $0.montage.box.width && used < $0.lines(count: count) }) ?? true {
                best = candidate
            }
            if used < fewest?.lines(count: count) ?? Int.max { fewest = candidate }
        }
        return best ?? fewest ?? make(1, pixels)
    }

    /// The labels of tiles `members` (positions 0, 1, ... in their row) over boxes `pitch` pixels apart: each
    /// starts in the cell column holding its box's left edge and is cut one cell short of the next label.
    static func labels(_ members: [String], pitch: Int, cellWidth: Int) -> String {
        let starts = (0...members.count).map { $0 * pitch / cellWidth }
        var line = ""
        for (i, label) in members.enumerated() {
            line += String(repeating: " ", count: max(0, starts[i] - line.count))
            line += label.prefix(max(1, starts[i + 1] - starts[i] - 1))
        }
        return line
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
            out.append(labels(members.map(\.label), pitch: layout.montage.box.width + 1,
                              cellWidth: Picture.cell(terminal).width))
            let strip = Montage.raster(tiles, rows: row..<row + 1, layout: layout.montage, options: options,
                                       progress: progress)
            out.append(Picture.pixels(strip, drawing, terminal))
        }
        return (out.joined(separator: "\n"), layout.perRow)
    }
}
