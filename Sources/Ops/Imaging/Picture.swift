import Foundation

/// How `show` draws images and feature maps: colours, scaling and an optional width in cells.
public struct PictureOptions: Sendable {
    /// Colour map for one-channel maps.
    public var cmap: ColorMap
    /// nil: imshow's defaults, `.auto` for one-channel maps and `.clip` for RGB; a bank's filters share the
    /// bank's min..max (`.shared`).
    public var scale: Scale?
    /// Picture (or tile) width in cells, instead of fitting the terminal.
    public var width: Int?
    /// How to draw; nil asks `GraphicsChoice.shared` (the `set graphics` setting and the terminal's answer).
    public var drawing: Drawing?

    public init(cmap: ColorMap, scale: Scale? = nil, width: Int? = nil, drawing: Drawing? = nil) {
        (self.cmap, self.scale, self.width, self.drawing) = (cmap, scale, width, drawing)
    }

    func scale(for tile: Tile) -> Scale {
        scale ?? (tile.bankRange != nil ? .shared : tile.channels == 1 ? .auto : .clip)
    }

    func drawing(on terminal: Terminal) -> Drawing { drawing ?? GraphicsChoice.shared.drawing(for: terminal) }
}

/// Images and feature maps drawn on a terminal: one picture with a legend, or a labelled grid.
public enum Picture {
    /// Cell size assumed for kitty/sixel pictures when the terminal does not report pixels.
    static let defaultCell = (width: 10, height: 20)

    /// Pixels in one cell of `terminal`: what `TIOCGWINSZ` reported, else `defaultCell`.
    static func cell(_ terminal: Terminal) -> (width: Int, height: Int) {
        terminal.cellWidth > 0 && terminal.cellHeight > 0 ? (terminal.cellWidth, terminal.cellHeight) : defaultCell
    }

    /// One tile fitted to the terminal (leaving two lines for the legend and the prompt), or `width` cells wide,
    /// then a legend line. With kitty or sixel the picture has the pixels of those cells (`cell`); with half
    /// blocks one pixel per cell column and two per line; characters only for `ascii`.
    public static func single(_ tile: Tile, title: String, terminal: Terminal, options: PictureOptions) -> String {
        let drawing = options.drawing(on: terminal)
        let scale = options.scale(for: tile)
        let picture: String
        let rendering: Rendering
        if drawing.hasPixels {
            let cell = cell(terminal)
            let size = options.width.map {
                PictureLayout.scaled(width: tile.width, height: tile.height, toWidth: $0 * cell.width)
            } ?? PictureLayout.fit(width: tile.width, height: tile.height, maxWidth: terminal.columns * cell.width,
                                   maxHeight: max(1, terminal.rows - 2) * cell.height)
            rendering = tile.render(width: size.width, height: size.height, cmap: options.cmap, scale: scale)
            picture = pixels(rendering.raster, drawing, terminal)
        } else {
            let size = options.width.map { PictureLayout.scaled(width: tile.width, height: tile.height, toWidth: $0) }
                ?? PictureLayout.fit(width: tile.width, height: tile.height, maxWidth: terminal.columns,
                                     maxHeight: 2 * max(1, terminal.rows - 2))
            rendering = tile.render(width: size.width, height: size.height, cmap: options.cmap, scale: scale)
            picture = lines(rendering.raster, drawing, terminal).joined(separator: "\n")
        }
        return picture + "\n" + legend(tile, title: title, rendering, drawing, terminal, options.cmap)
    }

    /// Every tile in a labelled grid, then one line saying how values were scaled: one full-resolution strip per
    /// row of tiles with kitty or sixel (`PixelGrid`), else boxes of half blocks (or characters). Each tile is
    /// scaled on its own (`.auto` maps: its own min..max) unless `options.scale` is `.shared`.
    public static func grid(_ tiles: [Tile], title: String, terminal: Terminal, options: PictureOptions,
                            progress: Progress? = nil) -> String {
        let drawing = options.drawing(on: terminal)
        progress?.setTotal(tiles.count)
        let (body, perRow) = drawing.hasPixels
            ? PixelGrid.render(tiles, terminal: terminal, options: options, drawing: drawing, progress: progress)
            : TextGrid.render(tiles, terminal: terminal, options: options, drawing: drawing, progress: progress)
        return body + "\n" + footer(tiles, title: title, perRow: perRow, options)
    }

    /// `title: 64 pictures, 8 by 8; each map scaled to its own min..max, cmap=magma`.
    static func footer(_ tiles: [Tile], title: String, perRow: Int, _ options: PictureOptions) -> String {
        let rows = (tiles.count + perRow - 1) / perRow
        var footer = "\(title): \(tiles.count) pictures, \(min(perRow, tiles.count)) by \(rows); "
        switch options.scale {
        case .auto?: footer += "each scaled to its own min..max"
        case .clip?: footer += "values clipped to 0..1"
        case .shared?:
            let range = Tile.sharedRange(tiles)
            footer += "one scale for all, " + (range.map { "\(number($0.min))..\(number($0.max))" } ?? "all NaN")
        case nil where bankRange(tiles) != nil:
            let range = bankRange(tiles)!
            footer += "the bank's filters on one scale, \(number(range.min))..\(number(range.max))"
                + (tiles[0].channels == 3 ? ", input channels as RGB" : "")
        case nil:
            footer += tiles.contains { $0.channels == 1 } ? "each map scaled to its own min..max" : ""
            footer += tiles.contains { $0.channels == 3 } ? (footer.hasSuffix("; ") ? "" : ", ") + "RGB clipped to 0..1" : ""
        }
        if tiles.contains(where: { $0.channels == 1 }) { footer += ", cmap=\(options.cmap.name)" }
        return footer
    }

    /// The range every tile shares when all are filters of one bank, else nil.
    static func bankRange(_ tiles: [Tile]) -> (min: Float, max: Float)? {
        guard let first = tiles.first, let range = first.bankRange,
              tiles.allSatisfy({ $0.bankRange != nil && $0.tensor.buffer === first.tensor.buffer }) else { return nil }
        return range
    }

    /// What `show` prints instead of a picture when stdout is not a terminal: shape and range, and how to see it.
    public static func description(label: String, tensor: Tensor) -> String {
        let range = tensor.range
        return summary(label: label, range: range, tensor: tensor) + (range == nil ? "," : ";")
            + " not a terminal, so no picture (save \(label) FILE.png to look at it)"
    }

    /// A picture in one line of text, `f: [300,451,1], values -1.816..2.792` (the range when it has one).
    public static func summary(label: String, tensor: Tensor) -> String {
        summary(label: label, range: tensor.range, tensor: tensor)
    }

    private static func summary(label: String, range: (min: Float, max: Float)?, tensor: Tensor) -> String {
        let values = range.map { ", values \(number($0.min))..\(number($0.max))" } ?? ""
        return "\(label): \(Tensor.describe(tensor.shape))" + values
    }

    // MARK: - Pieces

    /// A raster as kitty or sixel escapes. Kitty is told the cells to fill only when the terminal did not report
    /// its cell size (else the picture keeps its own pixels); sixel uses the terminal's colour registers.
    static func pixels(_ raster: Raster, _ drawing: Drawing, _ terminal: Terminal) -> String {
        if case .sixel(let registers) = drawing {
            return Sixel.encode(raster, registers: registers) ?? "(out of memory while encoding the picture)"
        }
        let known = terminal.cellWidth > 0 && terminal.cellHeight > 0
        let cell = cell(terminal)
        return KittyGraphics.encode(raster, columns: known ? nil : (raster.width + cell.width - 1) / cell.width,
                                    rows: known ? nil : (raster.height + cell.height - 1) / cell.height)
    }

    /// The character ramp for `.ascii`, else half blocks in 24-bit colour (256 colours unless the terminal has
    /// true colour).
    static func lines(_ raster: Raster, _ drawing: Drawing, _ terminal: Terminal) -> [String] {
        drawing == .ascii ? TextPicture.characters(raster)
            : TextPicture.halfBlocks(raster, trueColor: terminal.hasTrueColor)
    }

    /// `f [224,224,1]  -0.53 ▕bar▏ 1.2  cmap=magma` for a map, `img [224,224,3]  values 0..1` for RGB.
    static func legend(_ tile: Tile, title: String, _ r: Rendering, _ drawing: Drawing, _ terminal: Terminal,
                       _ cmap: ColorMap) -> String {
        guard tile.channels == 1 else {
            var text = "\(title)  values \(number(r.low))..\(number(r.high))"
            if r.clipped { text += ", clipped (scale=auto stretches min..max)" }
            return text
        }
        let bar = Tile.colorBar(cmap, width: 24)
        let drawn = lines(bar, drawing, terminal).first!
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
