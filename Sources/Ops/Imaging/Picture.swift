import Foundation

/// How `show` draws images and feature maps: colours, scaling and an optional width in cells.
public struct PictureOptions: Sendable {
    /// Colour map for one-channel maps.
    public var cmap: ColorMap
    /// nil: imshow's defaults, `.auto` for one-channel maps and `.clip` for RGB.
    public var scale: Scale?
    /// Picture (or tile) width in cells, instead of fitting the terminal.
    public var width: Int?

    public init(cmap: ColorMap, scale: Scale? = nil, width: Int? = nil) {
        (self.cmap, self.scale, self.width) = (cmap, scale, width)
    }

    func scale(for tile: Tile) -> Scale { scale ?? (tile.channels == 1 ? .auto : .clip) }
}

/// Images and feature maps drawn on a terminal: one picture with a legend, or a labelled grid.
public enum Picture {
    /// Cell size assumed for kitty/sixel pictures when the terminal does not report pixels.
    static let defaultCell = (width: 10, height: 20)

    /// One tile fitted to the terminal (leaving two lines for the legend and the prompt), or `width` cells wide,
    /// then a legend line. Kitty or sixel when `terminal.graphics` says so, half blocks otherwise, characters
    /// only when colour is not allowed.
    public static func single(_ tile: Tile, title: String, terminal: Terminal, options: PictureOptions) -> String {
        let size = options.width.map { PictureLayout.scaled(width: tile.width, height: tile.height, toWidth: $0) }
            ?? PictureLayout.fit(width: tile.width, height: tile.height, maxWidth: terminal.columns,
                                 maxHeight: 2 * max(1, terminal.rows - 2))
        let scale = options.scale(for: tile)
        let graphics = terminal.allowsColor ? terminal.graphics : .none
        let picture: String
        let rendering: Rendering
        switch graphics {
        case .none:
            rendering = tile.render(width: size.width, height: size.height, cmap: options.cmap, scale: scale)
            picture = lines(rendering.raster, terminal).joined(separator: "\n")
        case .kitty, .sixel:
            let cell = (terminal.cellWidth > 0 ? terminal.cellWidth : defaultCell.width,
                        terminal.cellHeight > 0 ? terminal.cellHeight : defaultCell.height)
            let pixels = PictureLayout.fit(width: tile.width, height: tile.height, maxWidth: size.width * cell.0,
                                           maxHeight: (size.height + 1) / 2 * cell.1)
            rendering = tile.render(width: pixels.width, height: pixels.height, cmap: options.cmap, scale: scale)
            picture = graphics == .kitty
                ? KittyGraphics.encode(rendering.raster, columns: size.width, rows: (size.height + 1) / 2)
                : Sixel.encode(rendering.raster)
        }
        return picture + "\n" + legend(tile, title: title, rendering, terminal, options.cmap)
    }

    /// Every tile in a grid of labelled boxes (half blocks, or characters without colour), then one line saying
    /// how values were scaled. Each tile is scaled on its own (`.auto` maps: its own min..max).
    public static func grid(_ tiles: [Tile], title: String, terminal: Terminal, options: PictureOptions,
                            progress: Progress? = nil) -> String {
        progress?.setTotal(tiles.count)
        let layout = PictureLayout.grid(count: tiles.count, width: tiles.map(\.width).max()!,
                                        height: tiles.map(\.height).max()!, columns: terminal.columns,
                                        lines: max(1, terminal.rows - 2), tileWidth: options.width)
        var out: [String] = []
        for rowStart in stride(from: 0, to: tiles.count, by: layout.columns) {
            let row = tiles[rowStart..<min(rowStart + layout.columns, tiles.count)]
            let boxes = row.map { tile -> [String] in
                let size = PictureLayout.fit(width: tile.width, height: tile.height, maxWidth: layout.tileWidth,
                                             maxHeight: layout.tileHeight)
                let raster = tile.render(width: size.width, height: size.height, cmap: options.cmap,
                                         scale: options.scale(for: tile)).raster
                progress?.advance()
                let pad = String(repeating: " ", count: layout.tileWidth - size.width)
                return [padded(String(tile.label.prefix(layout.tileWidth)), layout.tileWidth)]
                    + lines(raster, terminal).map { $0 + pad }
            }
            let height = boxes.map(\.count).max()!
            let blank = String(repeating: " ", count: layout.tileWidth)
            let gap = String(repeating: " ", count: PictureLayout.gap)
            for line in 0..<height {
                let cells = boxes.map { line < $0.count ? $0[line] : blank }.joined(separator: gap)
                out.append(cells.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            }
        }
        let perRow = min(layout.columns, tiles.count)
        let rows = (tiles.count + layout.columns - 1) / layout.columns
        var footer = "\(title): \(tiles.count) pictures, \(perRow) by \(rows); "
        switch options.scale {
        case .auto?: footer += "each scaled to its own min..max"
        case .clip?: footer += "values clipped to 0..1"
        case nil:
            footer += tiles.contains { $0.channels == 1 } ? "each map scaled to its own min..max" : ""
            footer += tiles.contains { $0.channels == 3 } ? (footer.hasSuffix("; ") ? "" : ", ") + "RGB clipped to 0..1" : ""
        }
        if tiles.contains(where: { $0.channels == 1 }) { footer += ", cmap=\(options.cmap.name)" }
        return (out + [footer]).joined(separator: "\n")
    }

    /// What `show` prints instead of a picture when stdout is not a terminal: shape and range, and how to see it.
    public static func description(label: String, tensor: Tensor) -> String {
        let range = tensor.range.map { " values \(number($0.min))..\(number($0.max));" } ?? ""
        return "\(label): \(Tensor.describe(tensor.shape)),\(range) not a terminal, so no picture "
            + "(save \(label) FILE.png to look at it)"
    }

    // MARK: - Pieces

    static func lines(_ raster: Raster, _ terminal: Terminal) -> [String] {
        terminal.allowsColor ? TextPicture.halfBlocks(raster, trueColor: terminal.hasTrueColor)
            : TextPicture.characters(raster)
    }

    /// `f [224,224,1]  -0.53 ▕bar▏ 1.2  cmap=magma` for a map, `img [224,224,3]  values 0..1` for RGB.
    static func legend(_ tile: Tile, title: String, _ r: Rendering, _ terminal: Terminal, _ cmap: ColorMap) -> String {
        guard tile.channels == 1 else {
            var text = "\(title)  values \(number(r.low))..\(number(r.high))"
            if r.clipped { text += ", clipped (scale=auto stretches min..max)" }
            return text
        }
        let bar = Tile.colorBar(cmap, width: 24)
        let drawn = lines(bar, terminal).first!
        return "\(title)  \(number(r.low)) ▕\(drawn)▏ \(number(r.high))  cmap=\(cmap.name)"
            + (r.clipped ? " (values outside clipped)" : "")
    }

    /// A value for a legend: `%.4g`.
    static func number(_ v: Float) -> String { String(format: "%.4g", Double(v)) }

    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}

extension Tile {
    /// A `width`×2 raster (one line of cells) running through `cmap` from its first colour to its last: column i
    /// shows `(i+½)/width`.
    static func colorBar(_ cmap: ColorMap, width: Int) -> Raster {
        let row = (0..<width).map { cmap.color((Float($0) + 0.5) / Float(width)) }
        return Raster(width: width, height: 2, pixels: row + row)
    }
}
