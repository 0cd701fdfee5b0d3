/// One of matplotlib's 256-entry colour maps (tables in `ColorMaps.swift`, made by `scripts/make-colormaps.py`).
///
/// A value `t` in [0,1] takes entry `min(⌊t·256⌋, 255)`, as matplotlib's `Colormap.__call__` indexes its table,
/// so `ColorMap.named("magma")!.color(t)` is the colour `plt.imsave(..., cmap="magma")` writes for `t`.
public struct ColorMap: Sendable, Equatable {
    /// An RGB colour, 8 bits per channel.
    public struct RGB: Sendable, Equatable, Hashable {
        public var r, g, b: UInt8
        public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { (self.r, self.g, self.b) = (r, g, b) }
    }

    public let name: String
    /// Exactly 256 colours, index 0 (low values) first.
    public let colors: [RGB]

    // MARK: - Lookup

    /// Every name `named` accepts: each base map and its reverse `NAME_r`.
    public static var names: [String] { baseNames.flatMap { [$0, $0 + "_r"] } }

    /// The map called `name` (`gray`, `magma`, `Blues_r`, ...), or nil for an unknown name.
    public static func named(_ name: String) -> ColorMap? { table[name] }

    /// All maps decoded once, on first use.
    private static let table: [String: ColorMap] = {
        var maps: [String: ColorMap] = [:]
        for base in baseNames {
            let colors = decode(hexTables[base]!)
            maps[base] = ColorMap(name: base, colors: colors)
            let reversed = base + "_r"
            maps[reversed] = ColorMap(name: reversed, colors: hexTables[reversed].map(decode) ?? colors.reversed())
        }
        return maps
    }()

    /// `RRGGBB` triples, whitespace ignored → 256 colours.
    private static func decode(_ hex: String) -> [RGB] {
        let digits = hex.utf8.compactMap { c -> UInt8? in
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        precondition(digits.count == 256 * 6, "colour table must hold 256 RRGGBB entries")
        let bytes = stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
        return stride(from: 0, to: bytes.count, by: 3).map { RGB(bytes[$0], bytes[$0 + 1], bytes[$0 + 2]) }
    }

    // MARK: - Colours

    /// The table index for `t` in [0,1]: `min(⌊t·256⌋, 255)`, clamped; NaN takes index 0.
    @inline(__always)
    public static func index(_ t: Float) -> Int {
        guard t > 0 else { return 0 }
        return t >= 1 ? 255 : min(Int(t * 256), 255)
    }

    /// The colour for `t` in [0,1] (clamped).
    public func color(_ t: Float) -> RGB { colors[ColorMap.index(t)] }
}
