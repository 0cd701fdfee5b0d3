import Foundation

/// A grid of tiles in text: labelled boxes of half blocks (or characters), `PictureLayout.gap` cells apart.
enum TextGrid {
    /// The grid's lines and the number of tiles per row. Each box is `PictureLayout.grid`'s tile width; a label
    /// line (cut to the box) over each box.
    static func render(_ tiles: [Tile], terminal: Terminal, options: PictureOptions, drawing: Drawing,
                       progress: Progress?) -> (String, Int) {
        let layout = PictureLayout.grid(count: tiles.count, width: tiles.map(\.width).max()!,
                                        height: tiles.map(\.height).max()!, columns: terminal.columns,
                                        lines: max(1, terminal.rows - 2), tileWidth: options.width)
        let shared = options.scale == .shared ? Tile.sharedRange(tiles) : nil
        var out: [String] = []
        for rowStart in stride(from: 0, to: tiles.count, by: layout.columns) {
            let row = tiles[rowStart..<min(rowStart + layout.columns, tiles.count)]
            let boxes = row.map { tile -> [String] in
                let size = PictureLayout.fit(width: tile.width, height: tile.height, maxWidth: layout.tileWidth,
                                             maxHeight: layout.tileHeight)
                let raster = tile.render(width: size.width, height: size.height, cmap: options.cmap,
                                         scale: options.scale(for: tile), shared: shared).raster
                progress?.advance()
                let pad = String(repeating: " ", count: layout.tileWidth - size.width)
                return [Picture.padded(String(tile.label.prefix(layout.tileWidth)), layout.tileWidth)]
                    + Picture.lines(raster, drawing, terminal).map { $0 + pad }
            }
            let height = boxes.map(\.count).max()!
            let blank = String(repeating: " ", count: layout.tileWidth)
            let gap = String(repeating: " ", count: PictureLayout.gap)
            for line in 0..<height {
                let cells = boxes.map { line < $0.count ? $0[line] : blank }.joined(separator: gap)
                out.append(cells.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            }
        }
        return (out.joined(separator: "\n"), layout.columns)
    }
}
