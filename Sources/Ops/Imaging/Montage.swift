/// Several pictures as one image: what `save X FILE.png grid` writes (the file-side twin of `show`'s grid).
///
/// Hook for `save`: `let picture = try Montage.render(arguments.tensors(from: 1)..., cmap: map)` gives a float32
/// `[H,W,3]` (or `[H,W,1]`) tensor in [0,1] whose values are all `k/255`, so an 8-bit PNG stores exactly the
/// colours drawn; save it as any image. Labels are not drawn into the file.
public enum Montage {
    /// The background between tiles: white, as a matplotlib figure.
    public static let background: Float = 1

    /// `items` as one picture.
    ///
    /// Each tensor is cut into tiles as `show` cuts it (`Tile.tiles`: each channel of `[H,W,C]` when C is not 1 or
    /// 3, each image of a batch). Tiles sit in a grid of `columns` per row (default `⌈√n⌉`), each centred in a box
    /// the size of the largest tile (smaller ones enlarged by a whole factor only), `gap` pixels apart with no
    /// outer margin. Maps go through `cmap`; scaling is imshow's (`scale` nil: maps min..max each, RGB clipped).
    /// The result is `[H,W,1]` when every tile is a map and `cmap` is `gray`, else `[H,W,3]`.
    /// Throws when the montage would exceed `Limits.maxPixels`.
    public static func render(_ items: [(label: String, tensor: Tensor)], cmap: ColorMap, scale: Scale? = nil,
                              gap: Int = 2, columns: Int? = nil, progress: Progress? = nil) throws -> Tensor {
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
        var out = try Tensor(shape: [height - gap, width - gap, channels], repeating: background)
        let rowStride = (width - gap) * channels
        progress?.setTotal(tiles.count)
        try out.withUnsafeMutableBufferPointer { pixels in
            for (i, tile) in tiles.enumerated() {
                let size = PictureLayout.fit(width: tile.width, height: tile.height, maxWidth: box.width,
                                             maxHeight: box.height)
                let options = PictureOptions(cmap: cmap, scale: scale)
                let raster = tile.render(width: size.width, height: size.height, cmap: cmap,
                                         scale: options.scale(for: tile)).raster
                let top = i / perRow * (box.height + gap) + (box.height - size.height) / 2
                let left = i % perRow * (box.width + gap) + (box.width - size.width) / 2
                for y in 0..<size.height {
                    for x in 0..<size.width {
                        let p = raster[y, x], at = (top + y) * rowStride + (left + x) * channels
                        pixels[at] = Float(p.r) / 255
                        if channels == 3 { (pixels[at + 1], pixels[at + 2]) = (Float(p.g) / 255, Float(p.b) / 255) }
                    }
                }
                progress?.advance()
            }
        }
        return out
    }
}
