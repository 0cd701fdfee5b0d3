/// One picture inside a tensor — an `[H,W]` plane, an `[H,W,3]` colour image or one filter of a bank — and the
/// label drawn over it.
///
/// A tile reads its tensor in place: pixel `(y, x)` channel `c` is element
/// `offset + (y·W + x)·pixelStride + c·channelStride`.
public struct Tile {
    public var label: String
    public let tensor: Tensor
    public let height, width: Int
    /// 1 (a map, drawn through a colour map) or 3 (RGB).
    public let channels: Int
    let offset: Int
    let pixelStride: Int
    var channelStride = 1
    /// For a filter of a `[kh,kw,Cin,n]` bank: min..max over the whole bank, the scale its filters share unless
    /// `scale=` says otherwise (nil when every value is NaN, and for tiles that are not filters).
    var bankRange: (min: Float, max: Float)? = nil

    /// The element at row `y`, column `x`, channel `c`.
    @inline(__always)
    func value(_ y: Int, _ x: Int, _ c: Int) -> Float {
        tensor.buffer.pointer[offset + (y * width + x) * pixelStride + c * channelStride]
    }

    // MARK: - Cutting tensors into tiles

    /// The tiles `tensor` is drawn as: `[H,W]`, `[H,W,1]`, `[H,W,3]` give one; `[H,W,C]` with other C gives one map
    /// per channel, labelled `label:c` (just `c` when `label` is nil); a filter bank (`isBank`) gives each filter,
    /// labelled likewise; `[N,H,W,C]` gives each image in turn, labelled `label[n]`. Throws for ranks 0, 1 and
    /// above 4, and for empty tensors.
    public static func tiles(of tensor: Tensor, label: String?) throws -> [Tile] {
        let shape = tensor.shape
        guard (2...4).contains(shape.count) else {
            throw OpError("cannot draw \(Tensor.describe(shape)) as a picture: expected [H,W], [H,W,C] or [N,H,W,C]")
        }
        guard tensor.count > 0 else { throw OpError("cannot draw the empty tensor \(Tensor.describe(shape))") }
        if isBank(shape) { return filters(of: tensor, label: label) }
        let batch = shape.count == 4 ? shape[0] : 1
        let (height, width) = shape.count == 4 ? (shape[1], shape[2]) : (shape[0], shape[1])
        let channels = shape.count == 2 ? 1 : shape[shape.count - 1]
        var tiles: [Tile] = []
        for n in 0..<batch {
            let base = n * height * width * channels
            let name = shape.count == 4 ? "\(label ?? "")[\(n)]" : label
            if channels == 1 || channels == 3 {
                tiles.append(Tile(label: name ?? "", tensor: tensor, height: height, width: width,
                                  channels: channels, offset: base, pixelStride: channels))
                continue
            }
            for c in 0..<channels {
                tiles.append(Tile(label: name.map { "\($0):\(c)" } ?? "\(c)", tensor: tensor, height: height,
                                  width: width, channels: 1, offset: base + c, pixelStride: channels))
            }
        }
        return tiles
    }

    /// True for a `[kh,kw,3,n]` bank of colour filters (a first conv layer's kernel) or a `[kh,kw,1,n]` bank:
    /// a shape `KernelTable.fits` takes for a bank (not a batch of images) with 1 or 3 input channels.
    public static func isBank(_ shape: [Int]) -> Bool {
        shape.count == 4 && (shape[2] == 1 || shape[2] == 3) && KernelTable.fits(shape)
    }

    /// Filter `o` of a `[kh,kw,Cin,n]` bank as a `kh`×`kw` tile with `Cin` channels (RGB for 3: the filter as
    /// the classic first-layer pictures show it): element `((y·kw + x)·Cin + c)·n + o`. Every filter shares the
    /// bank's min..max.
    static func filters(of bank: Tensor, label: String?) -> [Tile] {
        let shape = bank.shape
        let (cin, count) = (shape[2], shape[3])
        let range = Tile(label: "", tensor: bank, height: 1, width: bank.count, channels: 1, offset: 0,
                         pixelStride: 1).range
        return (0..<count).map { o in
            Tile(label: label.map { "\($0):\(o)" } ?? "\(o)", tensor: bank, height: shape[0], width: shape[1],
                 channels: cin, offset: o, pixelStride: cin * count, channelStride: count, bankRange: range)
        }
    }

    // MARK: - Values

    /// Smallest and largest value of the tile, ignoring NaN; nil when every value is NaN.
    public var range: (min: Float, max: Float)? {
        var low = Float.infinity, high = -Float.infinity
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    let v = value(y, x, c)
                    if v < low { low = v }
                    if v > high { high = v }
                }
            }
        }
        return low <= high ? (low, high) : nil
    }

    /// The tile resampled to `newWidth`×`newHeight`, as `[newHeight, newWidth, channels]` row-major values.
    ///
    /// A box filter: output row `y` averages source rows `⌊y·H/h⌋ ..< max(⌊y·H/h⌋+1, ⌊(y+1)·H/h⌋)`, and likewise
    /// for columns — an area average when shrinking, nearest-neighbour repetition when enlarging. NaNs are
    /// skipped (an all-NaN box stays NaN).
    public func resampled(width newWidth: Int, height newHeight: Int) -> [Float] {
        let rows = Tile.boxes(height, newHeight), columns = Tile.boxes(width, newWidth)
        if newWidth >= width && newHeight >= height { return repeated(rows: rows, columns: columns) }
        var out = [Float](repeating: .nan, count: newWidth * newHeight * channels)
        var sums = [Double](repeating: 0, count: channels), counts = [Int](repeating: 0, count: channels)
        for (oy, rowBox) in rows.enumerated() {
            for (ox, columnBox) in columns.enumerated() {
                for c in 0..<channels { sums[c] = 0; counts[c] = 0 }
                for y in rowBox {
                    for x in columnBox {
                        for c in 0..<channels {
                            let v = value(y, x, c)
                            if !v.isNaN { sums[c] += Double(v); counts[c] += 1 }
                        }
                    }
                }
                let index = (oy * newWidth + ox) * channels
                for c in 0..<channels where counts[c] > 0 { out[index + c] = Float(sums[c] / Double(counts[c])) }
            }
        }
        return out
    }

    /// The same size or larger on both axes: every box holds one source pixel, so output pixel `(oy, ox)` is
    /// source pixel `(rows[oy].lowerBound, columns[ox].lowerBound)` (the general path's result, without sums).
    func repeated(rows: [Range<Int>], columns: [Range<Int>]) -> [Float] {
        let source = tensor.buffer.pointer
        let sourceColumns = columns.map { offset + $0.lowerBound * pixelStride }
        return [Float](unsafeUninitializedCapacity: rows.count * columns.count * channels) { out, initialized in
            var i = 0
            for row in rows {
                let base = row.lowerBound * width * pixelStride
                for column in sourceColumns {
                    for c in 0..<channels { out[i + c] = source[base + column + c * channelStride] }
                    i += channels
                }
            }
            initialized = i
        }
    }

    /// For each of `target` output positions, the source range it reads on an axis of `source` pixels.
    static func boxes(_ source: Int, _ target: Int) -> [Range<Int>] {
        (0..<target).map { i in
            let start = i * source / target
            return start..<max(start + 1, (i + 1) * source / target)
        }
    }
}
