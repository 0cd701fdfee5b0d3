/// An 8-bit RGB picture, row-major: what a tile looks like once resampled and coloured.
public struct Raster: Equatable, Sendable {
    public typealias RGB = ColorMap.RGB

    public let width, height: Int
    /// `width·height` colours, row 0 first.
    public var pixels: [RGB]

    public init(width: Int, height: Int, pixels: [RGB]) {
        precondition(pixels.count == width * height, "raster needs width·height pixels")
        (self.width, self.height, self.pixels) = (width, height, pixels)
    }

    @inline(__always)
    public subscript(_ y: Int, _ x: Int) -> RGB { pixels[y * width + x] }
}

/// How values become colours, as matplotlib's `imshow` does.
public enum Scale: String, Sendable, CaseIterable {
    /// Values in [0,1] are shown as they are; outside values are clamped (imshow on float RGB).
    case clip
    /// The tile's min..max is stretched to the whole colour range (imshow's default `Normalize`).
    case auto
    /// One min..max over every tile drawn together (`Tile.sharedRange`), so tiles can be compared; one tile alone
    /// is drawn as with `auto`.
    case shared
}

/// A tile drawn at a given size: its raster and the value range that spans its colours (for the legend).
public struct Rendering: Sendable {
    public var raster: Raster
    /// Values mapped to the first and the last colour.
    public var low, high: Float
    /// True when some value lay outside `low...high` and was clamped.
    public var clipped: Bool
}

extension Tile {
    /// Resamples the tile to `width`×`height` and colours it.
    ///
    /// With `t = (v - low)/(high - low)` (0 when `high == low`, like matplotlib's `Normalize`): a one-channel tile
    /// takes `cmap.color(t)`; an RGB tile takes `round(255·clamp(t))` per channel. `low...high` is the tile's own
    /// min...max for `.auto` (computed on the full-resolution tile), `shared` for `.shared` (else the bank's range
    /// for a filter, else the tile's own) and 0...1 for `.clip`. NaN draws as colour 0.
    public func render(width: Int, height: Int, cmap: ColorMap, scale: Scale,
                       shared: (min: Float, max: Float)? = nil) -> Rendering {
        let full = range
        let (low, high): (Float, Float)
        switch scale {
        case .clip: (low, high) = (0, 1)
        case .auto: (low, high) = (full?.min ?? 0, full?.max ?? 1)
        case .shared: (low, high) = shared ?? bankRange ?? (full?.min ?? 0, full?.max ?? 1)
        }
        let clipped = full.map { $0.min < low || $0.max > high } ?? false
        let values = resampled(width: width, height: height)
        let span = high - low
        @inline(__always) func normalized(_ v: Float) -> Float { span > 0 ? (v - low) / span : 0 }
        let pixelCount = values.count / channels
        let pixels = [Raster.RGB](unsafeUninitializedCapacity: pixelCount) { out, initialized in
            values.withUnsafeBufferPointer { values in
                if channels == 1 {
                    cmap.colors.withUnsafeBufferPointer { table in
                        for i in 0..<pixelCount {
                            let v = values[i]
                            out.initializeElement(at: i, to: table[v.isNaN ? 0 : ColorMap.index(normalized(v))])
                        }
                    }
                } else {
                    @inline(__always) func byte(_ v: Float) -> UInt8 {
                        v.isNaN ? 0 : UInt8((min(max(normalized(v), 0), 1) * 255).rounded())
                    }
                    for i in 0..<pixelCount {
                        let at = i * 3
                        out.initializeElement(at: i, to: Raster.RGB(byte(values[at]), byte(values[at + 1]),
                                                                    byte(values[at + 2])))
                    }
                }
            }
            initialized = pixelCount
        }
        return Rendering(raster: Raster(width: width, height: height, pixels: pixels), low: low, high: high,
                         clipped: clipped)
    }
}

extension Tile {
    /// The smallest and largest value over all `tiles` (NaN ignored), for `scale=shared`; nil when all are NaN.
    public static func sharedRange(_ tiles: [Tile]) -> (min: Float, max: Float)? {
        let ranges = tiles.compactMap(\.range)
        guard let low = ranges.map(\.min).min(), let high = ranges.map(\.max).max() else { return nil }
        return (low, high)
    }
}
