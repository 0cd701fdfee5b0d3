/// What `save` asks of an image file: how values become samples, the colour map, the JPEG quality, the depth.
///
/// `scale` (the same `Scale` as `show`'s): `clip` clamps to [0,1], then `round(x·255)` (or `·65535`), the inverse
/// of loading; `auto` (and `shared`, one tensor being its own set) maps the tensor's finite min...max to [0,1] first, like matplotlib's `imshow` (NaN becomes 0).
public struct SaveOptions: Sendable {
    /// nil: `clip`, or `auto` when a colour map is given (as `plt.imsave` normalises by default).
    public var scale: Scale?
    public var colormap: ColorMap?
    public var quality: Int?
    /// 8 or 16 bits per sample (16 for PNG and Netpbm only).
    public var bits: Int

    public init(scale: Scale? = nil, colormap: ColorMap? = nil, quality: Int? = nil, bits: Int = 8) {
        self.scale = scale
        self.colormap = colormap
        self.quality = quality
        self.bits = bits
    }

    var resolvedScale: Scale { scale ?? (colormap == nil ? .clip : .auto) }
}

/// A float32 tensor `[H,W]`, `[H,W,C]` or `[1,H,W,C]` to integer samples for an image file.
///
/// 8-bit `clip`: `s = round(clamp(x,0,1)·255)`, so saving what `load` made gives back the file's samples;
/// `auto` first maps `v = (x − min)/(max − min)` (float32; a constant tensor gives 0). With a colour map the
/// one channel becomes RGB: entry `min(255, Int(v·256))` of the table, exactly as matplotlib indexes it.
/// 16-bit: `round(v·65535)`. An alpha channel (the last of 2 or 4) is always clipped, never rescaled.
enum TensorToImage {
    /// The image shape of `x` as (height, width, channels), or an error naming the shape.
    static func imageShape(_ x: Tensor, as format: String) throws -> (height: Int, width: Int, channels: Int) {
        switch x.shape.count {
        case 2: return (x.shape[0], x.shape[1], 1)
        case 3: return (x.shape[0], x.shape[1], x.shape[2])
        case 4 where x.shape[0] == 1: return (x.shape[1], x.shape[2], x.shape[3])
        default:
            throw OpError("cannot save \(Tensor.describe(x.shape)) as \(format): an image is [H,W], [H,W,C] or "
                + "[1,H,W,C]; save it as .npy to keep it whole")
        }
    }

    /// The samples of `x` (whose channel count the caller has checked against the file format): its own
    /// channels, or RGB through the colour map (a NaN pixel black).
    static func image(_ x: Tensor, _ options: SaveOptions) throws -> PixelImage {
        let (height, width, channels) = try imageShape(x, as: "an image")
        let alpha = channels == 2 || channels == 4
        let range = options.resolvedScale != .clip ? colorRange(x, channels: channels, alpha: alpha) : nil
        let normalise = Normaliser(range: range)
        if let map = options.colormap {
            let (indices, _) = colorIndices(x, normalise)
            var out = [UInt8](repeating: 0, count: width * height * 3)
            x.withUnsafeBufferPointer { values in
                out.withUnsafeMutableBufferPointer { rgb in
                    map.colors.withUnsafeBufferPointer { table in
                        for (i, x) in values.enumerated() where !x.isNaN {
                            let color = table[Int(indices[i])]
                            rgb[i * 3] = color.r; rgb[i * 3 + 1] = color.g; rgb[i * 3 + 2] = color.b
                        }
                    }
                }
            }
            return PixelImage(width: width, height: height, channels: 3, maxValue: 255, samples: .bytes(out))
        }
        let top = options.bits == 16 ? 65535 : 255
        let image = { (samples: PixelImage.Samples) in
            PixelImage(width: width, height: height, channels: channels, maxValue: top, samples: samples)
        }
        return x.withUnsafeBufferPointer { values in
            let quantiser = Quantiser(channels: channels, alpha: alpha, top: Float(top), normalise: normalise)
            return top == 255 ? image(.bytes(quantiser.samples(values))) : image(.words(quantiser.samples(values)))
        }
    }

    /// A colour-mapped one-channel `x` as indices into the colour map's table, one byte a pixel, for a PNG with
    /// a palette (a third of the RGB samples to compress, the same colours read back); nil without a colour map
    /// or when `x` holds NaN, which is drawn black, a colour the table may lack.
    static func paletteImage(_ x: Tensor, _ options: SaveOptions) throws -> PixelImage? {
        guard options.colormap != nil else { return nil }
        let (height, width, _) = try imageShape(x, as: "an image")
        let range = options.resolvedScale != .clip ? colorRange(x, channels: 1, alpha: false) : nil
        let (indices, hasNaN) = colorIndices(x, Normaliser(range: range))
        guard !hasNaN else { return nil }
        return PixelImage(width: width, height: height, channels: 1, maxValue: 255, samples: .bytes(indices))
    }

    /// The table index of every value, `ColorMap.index(normalise(x))`, and whether any value was NaN (its index
    /// is then 0).
    static func colorIndices(_ x: Tensor, _ normalise: Normaliser) -> (indices: [UInt8], hasNaN: Bool) {
        var hasNaN = false
        let indices = x.withUnsafeBufferPointer { values in
            [UInt8](unsafeUninitializedCapacity: values.count) { out, initialized in
                for (i, v) in values.enumerated() {
                    if v.isNaN { hasNaN = true }
                    out[i] = UInt8(truncatingIfNeeded: ColorMap.index(normalise(v)))
                }
                initialized = values.count
            }
        }
        return (indices, hasNaN)
    }

    /// Float values to integer samples `round(clamp(v,0,1)·top)`, `v` normalised except for alpha.
    struct Quantiser {
        let channels: Int, alpha: Bool, top: Float, normalise: Normaliser

        func samples<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<Float>) -> [T] {
            [T](unsafeUninitializedCapacity: values.count) { out, initialized in
                let source = values.baseAddress!, target = out.baseAddress!
                if !alpha && !normalise.active {
                    for i in 0..<values.count { target[i] = quantise(source[i]) }
                } else {
                    let colors = alpha ? channels - 1 : channels
                    for p in stride(from: 0, to: values.count, by: channels) {
                        for c in 0..<colors { target[p + c] = quantise(normalise(source[p + c])) }
                        if alpha { target[p + colors] = quantise(source[p + colors]) }
                    }
                }
                initialized = values.count
            }
        }

        /// `round(clamp(v,0,1)·top)`, halves rounded up; in Double, where `v·top + 0.5` is exact, so truncating
        /// it rounds correctly (in float32 the sum itself can round up across an integer).
        @inline(__always)
        private func quantise<T: FixedWidthInteger>(_ v: Float) -> T {
            let clamped = v.isNaN ? 0 : Double(min(max(v, 0), 1))
            return T(truncatingIfNeeded: Int(clamped * Double(top) + 0.5))
        }
    }

    /// `x ↦ (x − low)/(high − low)` in float32 as matplotlib's `Normalize` computes it; the identity without a
    /// range; 0 when high == low.
    struct Normaliser {
        let low: Float, span: Float, active: Bool

        init(range: (low: Float, high: Float)?) {
            low = range?.low ?? 0
            span = range.map { $0.high - $0.low } ?? 1
            active = range != nil
        }

        @inline(__always)
        func callAsFunction(_ x: Float) -> Float {
            guard active else { return x }
            return span > 0 ? (x - low) / span : 0
        }
    }

    /// The smallest and largest finite value among the colour channels (alpha left out), or (0, 0) when none.
    static func colorRange(_ x: Tensor, channels: Int, alpha: Bool) -> (low: Float, high: Float) {
        var low = Float.infinity, high = -Float.infinity
        x.withUnsafeBufferPointer { values in
            for (i, v) in values.enumerated() where v.isFinite && !(alpha && i % channels == channels - 1) {
                low = min(low, v)
                high = max(high, v)
            }
        }
        return low <= high ? (low, high) : (0, 0)
    }
}
