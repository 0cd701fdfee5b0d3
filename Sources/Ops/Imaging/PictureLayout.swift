/// Sizes for pictures and grids of pictures in character cells.
///
/// With half blocks a cell is one pixel wide and two pixels tall, so a picture `w` pixels wide and `h` tall takes
/// `w` columns and `⌈h/2⌉` lines, and square pixels stay square on a terminal whose cells are about twice as tall
/// as wide.
public enum PictureLayout {
    /// The largest size of a `width`×`height` picture inside `maxWidth`×`maxHeight` keeping its aspect ratio.
    ///
    /// Enlarges only by a whole factor `min(⌊maxWidth/width⌋, ⌊maxHeight/height⌋)` (so every source pixel becomes an
    /// equal block, as imshow's nearest interpolation shows it). Otherwise shrinks to the binding side exactly and
    /// the other to `⌊other·bound/side⌋`, in integers. Never below 1x1.
    public static func fit(width: Int, height: Int, maxWidth: Int, maxHeight: Int) -> (width: Int, height: Int) {
        let factor = min(maxWidth / width, maxHeight / height)
        if factor >= 1 { return (width * factor, height * factor) }
        if maxWidth * height <= maxHeight * width { return (max(1, maxWidth), max(1, height * maxWidth / width)) }
        return (max(1, width * maxHeight / height), max(1, maxHeight))
    }

    /// A picture `requestedWidth` pixels (cells) wide with the aspect ratio of `width`×`height`.
    public static func scaled(width: Int, height: Int, toWidth requestedWidth: Int) -> (width: Int, height: Int) {
        (requestedWidth, max(1, Int((Double(height) * Double(requestedWidth) / Double(width)).rounded())))
    }

    // MARK: - Grids

    /// How a grid of tiles is laid out: `columns` tiles per row, each in a box `tileWidth` cells wide and
    /// `tileHeight` pixels (half-cell rows) tall.
    public struct Grid: Equatable, Sendable {
        public var columns, tileWidth, tileHeight: Int
        /// Text lines the grid takes for `count` tiles: per row of tiles, one label line and `⌈tileHeight/2⌉`.
        public func lines(count: Int) -> Int { (count + columns - 1) / columns * (1 + (tileHeight + 1) / 2) }
    }

    /// Blank cells between tiles of a row.
    public static let gap = 1

    /// The grid for `count` tiles whose largest is `width`×`height` pixels, in `columns`×`lines` cells.
    ///
    /// Tries every number of tiles per row and keeps the one with the widest tiles whose grid fits in `lines`;
    /// when none fits, the one needing the fewest lines (the terminal then scrolls). `tileWidth` forces the width
    /// of each tile instead.
    public static func grid(count: Int, width: Int, height: Int, columns: Int, lines: Int,
                            tileWidth: Int? = nil) -> Grid {
        func make(_ perRow: Int, _ boxWidth: Int) -> Grid {
            let size = fit(width: width, height: height, maxWidth: boxWidth, maxHeight: 1 << 24)
            return Grid(columns: perRow, tileWidth: size.width, tileHeight: size.height)
        }
        if let tileWidth {
            let perRow = max(1, min(count, (columns + gap) / (tileWidth + gap)))
            return Grid(columns: perRow, tileWidth: tileWidth,
                        tileHeight: scaled(width: width, height: height, toWidth: tileWidth).height)
        }
        var best: Grid?, fewest: Grid?
        for perRow in 1...max(1, count) {
            let boxWidth = (columns - (perRow - 1) * gap) / perRow
            guard boxWidth >= 1 else { break }
            let candidate = make(perRow, boxWidth)
            if candidate.lines(count: count) <= lines, candidate.tileWidth > (best?.tileWidth ?? 0) {
                best = candidate
            }
            if candidate.lines(count: count) < fewest?.lines(count: count) ?? Int.max { fewest = candidate }
        }
        return best ?? fewest ?? make(1, max(1, columns))
    }
}
