/// Several pictures as one image: what `save X FILE.png grid` writes, and what `show` draws on a terminal with
/// kitty or sixel graphics (there one strip per row of tiles, with the labels as text between the strips).
///
/// Hook for `save`: `let picture = try Montage.render(arguments.tensors(from: 1)..., cmap: map)` gives a float32
/// `[H,W,3]` (or `[H,W,1]`) tensor in [0,1] whose values are all `k/255`, so an 8-bit PNG stores exactly the
/// colours drawn; save it as any image. `Montage.image` gives the same picture as 8-bit samples. Labels are not
/// drawn into the file.
public enum Montage {
    /// The background between tiles: white, as a matplotlib figure.
    static let backgroundColor = Raster.RGB(255, 255, 255)

    /// Tiles in rows of `perRow`, each centred in a `box` (the pixels a tile may take), `gap` pixels apart with
    /// no outer margin: the montage is `perRow·(box.width + gap) − gap` wide.
    public struct Layout: Equatable, Sendable {
        public var perRow: Int
        public var box: (width: Int, height: Int)
        public var gap: Int
        public static func == (a: Layout, b: Layout) -> Bool {
            (a.perRow, a.box.width, a.box.height, a.gap) == (b.perRow, b.box.width, b.box.height, b.gap)
        }
    }

    /// `items` as one picture, float32 (`image(...)`'s samples as `k/255`): what `save X FILE.png grid` encodes.
    public static func render(_ items: [(label: String, tensor: Tensor)], cmap: ColorMap, scale: Scale? = nil,
                              gap: Int = 1, columns: Int? = nil, progress: Progress? = nil) throws -> Tensor {
        try image(items, cmap: cmap, scale: scale, gap: gap, columns: columns, progress: progress).tensor()
    }

    /// `items` as one picture.
    ///
    /// Each tensor is cut into tiles as `show` cuts it (`Tile.tiles`: each channel of `[H,W,C]` when C is not 1 or
    /// 3, each image of a batch). Tiles sit in a grid of `columns` per row (default `⌈√n⌉`) in boxes the size of
    /// the largest tile (smaller ones enlarged by a whole factor only), 1 pixel apart unless `gap` says. Maps go
    /// through `cmap`; scaling is imshow's (`scale` nil: maps min..max each, RGB clipped; `.shared`: one
    /// min..max for all). The result has 1 channel when every tile is a map and `cmap` is `gray`, else 3.
    /// Throws when the montage would exceed `Limits.maxPixels`.
    public static func image(_ items: [(label: String, tensor: Tensor)], cmap: ColorMap, scale: Scale? = nil,
                             gap: Int = 1, columns: Int? = nil, progress: Progress? = nil) throws -> MontageImage {
        var tiles: [Tile] = []
        for item in items { tiles += try Tile.tiles(of: item.tensor, label: item.label) }
        guard !tiles.isEmpty else { throw OpError("nothing to draw") }
        let perRow = max(1, min(tiles.count, columns ?? Int(Double(tiles.count).squareRoot().rounded(.up))))
        let rowCount = (tiles.count + perRow - 1) / perRow
        let box = (width: tiles.map(\.width).max()!, height: tiles.map(\.height).max()!)
        let (width, widthOverflow) = (box.width + gap).multipliedReportingOverflow(by: perRow)
        let (height, heightOverflow) = (box.height + gap).multipliedReportingOverflow(by: rowCount)
        guard !widthOverflow, !heightOverflow else { throw OpError("montage of \(tiles.count) tiles is too large") }
        let channels = cmap.name == "gray" && tiles.allSatisfy({ $0.channels == 1 }) ? 1 : 3
        try Limits.checkImage(width: width - gap, height: height - gap, channels: channels)
        let layout = Layout(perRow: perRow, box: box, gap: gap)
        progress?.setTotal(tiles.count)
        let raster = self.raster(tiles, rows: 0..<rowCount, layout: layout,
                                 options: PictureOptions(cmap: cmap, scale: scale), progress: progress)
        return MontageImage(raster, channels: channels)
    }

    /// Rows `rows` of the montage of `tiles` (row r holds tiles `r·perRow ..< (r+1)·perRow`) as one raster on the
    /// white background, rows `gap` apart. A last row with fewer tiles is as wide as a full one. With
    /// `options.scale == .shared` every tile uses `Tile.sharedRange(tiles)`, the range over ALL tiles.
    static func raster(_ tiles: [Tile], rows: Range<Int>, layout: Layout, options: PictureOptions,
                       progress: Progress? = nil) -> Raster {
        let (box, gap, perRow) = (layout.box, layout.gap, layout.perRow)
        let width = perRow * (box.width + gap) - gap, height = rows.count * (box.height + gap) - gap
        var pixels = [Raster.RGB](repeating: backgroundColor, count: width * height)
        let shared = options.scale == .shared ? Tile.sharedRange(tiles) : nil
        for row in rows {
            for i in row * perRow..<min((row + 1) * perRow, tiles.count) {
                let tile = tiles[i]
                let size = PictureLayout.fit(width: tile.width, height: tile.height, maxWidth: box.width,
                                             maxHeight: box.height)
                let raster = tile.render(width: size.width, height: size.height, cmap: options.cmap,
                                         scale: options.scale(for: tile), shared: shared).raster
                if raster.width == width, raster.height == height {  // one tile filling the picture
                    progress?.advance()
                    return raster
                }
                let top = (row - rows.lowerBound) * (box.height + gap) + (box.height - size.height) / 2
                let left = i % perRow * (box.width + gap) + (box.width - size.width) / 2
                pixels.withUnsafeMutableBufferPointer { pixels in
                    raster.pixels.withUnsafeBufferPointer { tilePixels in
                        for y in 0..<size.height {
                            let at = (top + y) * width + left
                            _ = UnsafeMutableBufferPointer(rebasing: pixels[at..<at + size.width])
                                .update(fromContentsOf: tilePixels[y * size.width..<(y + 1) * size.width])
                        }
                    }
                }
                progress?.advance()
            }
        }
        return Raster(width: width, height: height, pixels: pixels)
    }
}
