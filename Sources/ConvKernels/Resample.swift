/// One output row of a separable resampling (`Ops.Resampling`).
public struct ResampleArgs {
    /// The `rowTaps` input rows this output row reads, each from the first column any output pixel reads.
    public var rows: UnsafePointer<UnsafePointer<Float>>
    /// `wy_i`, one per input row.
    public var rowWeights: UnsafePointer<Float>
    public var rowTaps: Int
    /// Floats of each input row the columns read: `(last column read + 1 - first) · C`. Nothing beyond is read.
    public var span: Int
    /// Where output pixel `ox`'s first column tap starts, in floats from the rows' first needed column.
    public var columnOffsets: UnsafePointer<Int>
    /// `wx_j` of output pixel `ox` at `columnWeights[ox · columnTaps + j]`.
    public var columnWeights: UnsafePointer<Float>
    public var columnTaps: Int
    public var channels: Int
    public var out: UnsafeMutablePointer<Float>
    public var outPixels: Int
    /// Rows-first scratch for the blended row: `span` floats, then `lanes` zeros that a vector chunk may read.
    public var blended: UnsafeMutablePointer<Float>

    @inlinable
    public init(rows: UnsafePointer<UnsafePointer<Float>>, rowWeights: UnsafePointer<Float>, rowTaps: Int, span: Int,
                columnOffsets: UnsafePointer<Int>, columnWeights: UnsafePointer<Float>, columnTaps: Int,
                channels: Int, out: UnsafeMutablePointer<Float>, outPixels: Int, blended: UnsafeMutablePointer<Float>) {
        (self.rows, self.rowWeights, self.rowTaps, self.span) = (rows, rowWeights, rowTaps, span)
        (self.columnOffsets, self.columnWeights, self.columnTaps) = (columnOffsets, columnWeights, columnTaps)
        (self.channels, self.out, self.outPixels, self.blended) = (channels, out, outPixels, blended)
    }
}

// NOTE: both kernels below take a pixel's channels `lanes` at a time even when C < lanes (one register covers an
// RGB pixel). A chunk that runs past pixel ox's C channels computes garbage lanes that land on pixel ox+1's
// outputs, which are written after; where a chunk would read past `span` (or the blended row's zero padding) or
// write past the output row (another task's), the channels go one at a time. Scalar and vector lanes round alike:
// every sum runs tap by tap from 0, one fused multiply-add each.

/// One output row of `tf.image.resize`'s separable sum, the vertical pass first:
///
///     blended(k)  = Σ_i wy_i · row_i(k)                                  k < span, contiguous, `lanes` at a time
///     out(ox, c)  = Σ_j wx(ox, j) · blended(offset(ox) + j·C + c)
///
/// `rowTaps · span / lanes` vector multiply-adds for the vertical pass, each needed input float read once, plus
/// `OW · ⌈C/lanes⌉ · columnTaps` for the horizontal pass, whose input (12 KiB for 1024 RGB pixels) stays in L1:
/// the cheap order when both axes have many taps (antialiased shrinking, area, lanczos).
@inlinable @inline(__always)
public func runResampleRowsFirst<L: LaneVector>(_ args: UnsafePointer<ResampleArgs>, _: L.Type) {
    let a = args.pointee
    let n = L.lanes, span = a.span, blended = a.blended
    var k = 0
    while k &+ n <= span {
        var sum = L(repeating: 0)
        for i in 0..<a.rowTaps { sum = sum.addingProduct(L(loading: a.rows[i] + k), L(repeating: a.rowWeights[i])) }
        sum.store(to: blended + k)
        k &+= n
    }
    while k < span {
        var sum: Float = 0
        for i in 0..<a.rowTaps { sum = L.multiplyAdd(sum, a.rows[i][k], a.rowWeights[i]) }
        blended[k] = sum
        k &+= 1
    }
    let c = a.channels, taps = a.columnTaps, end = a.outPixels &* c
    for ox in 0..<a.outPixels {
        let source = UnsafePointer(blended) + a.columnOffsets[ox], weights = a.columnWeights + ox &* taps
        let first = ox &* c, out = a.out + first
        var ch = 0
        while ch < c && first &+ ch &+ n <= end {
            var sum = L(repeating: 0)
            for j in 0..<taps { sum = sum.addingProduct(L(loading: source + (j &* c &+ ch)), L(repeating: weights[j])) }
            sum.store(to: out + ch)
            ch &+= n
        }
        while ch < c {
            var sum: Float = 0
            for j in 0..<taps { sum = L.multiplyAdd(sum, source[j &* c &+ ch], weights[j]) }
            out[ch] = sum
            ch &+= 1
        }
    }
}

/// One output row of `tf.image.resize`'s separable sum, both axes at once from the input rows:
///
///     out(ox, c) = Σ_i wy_i · Σ_j wx(ox, j) · row_i(offset(ox) + j·C + c)
///
/// `rowTaps · columnTaps · OW · ⌈C/lanes⌉` vector multiply-adds with no scratch row, reading only the needed
/// pixels: the cheap order for few taps (bilinear, bicubic, nearest) when shrinking, where a rows-first pass
/// would blend every pixel between the sampled ones too.
@inlinable @inline(__always)
public func runResampleFused<L: LaneVector>(_ args: UnsafePointer<ResampleArgs>, _: L.Type) {
    let a = args.pointee
    let n = L.lanes, c = a.channels, taps = a.columnTaps, end = a.outPixels &* c
    let lastTap = (taps &- 1) &* c
    if a.rowTaps == 2 && taps == 2 {
        return runResampleBilinear(args, L.self)
    }
    for ox in 0..<a.outPixels {
        let offset = a.columnOffsets[ox], weights = a.columnWeights + ox &* taps
        let first = ox &* c, out = a.out + first
        var ch = 0
        while ch < c && first &+ ch &+ n <= end && offset &+ lastTap &+ ch &+ n <= a.span {
            var sum = L(repeating: 0)
            for i in 0..<a.rowTaps {
                let source = a.rows[i] + (offset &+ ch)
                var row = L(repeating: 0)
                for j in 0..<taps { row = row.addingProduct(L(loading: source + j &* c), L(repeating: weights[j])) }
                sum = sum.addingProduct(row, L(repeating: a.rowWeights[i]))
            }
            sum.store(to: out + ch)
            ch &+= n
        }
        while ch < c {
            var sum: Float = 0
            for i in 0..<a.rowTaps {
                let source = a.rows[i] + (offset &+ ch)
                var row: Float = 0
                for j in 0..<taps { row = L.multiplyAdd(row, source[j &* c], weights[j]) }
                sum = L.multiplyAdd(sum, row, a.rowWeights[i])
            }
            out[ch] = sum
            ch &+= 1
        }
    }
}

/// `runResampleFused` for 2x2 taps (bilinear), unrolled: `out = wy0·(wx0·p0 + wx1·p1) + wy1·(wx0·q0 + wx1·q1)`
/// in the same order and roundings as the general loop.
@inlinable @inline(__always)
public func runResampleBilinear<L: LaneVector>(_ args: UnsafePointer<ResampleArgs>, _: L.Type) {
    let a = args.pointee
    let n = L.lanes, c = a.channels, end = a.outPixels &* c
    let top = a.rows[0], bottom = a.rows[1]
    let wy0 = a.rowWeights[0], wy1 = a.rowWeights[1]
    let vy0 = L(repeating: wy0), vy1 = L(repeating: wy1), zero = L(repeating: 0)
    for ox in 0..<a.outPixels {
        let offset = a.columnOffsets[ox]
        let wx0 = a.columnWeights[ox &* 2], wx1 = a.columnWeights[ox &* 2 &+ 1]
        let first = ox &* c, out = a.out + first
        var ch = 0
        if first &+ n <= end && offset &+ c &+ n <= a.span {
            let vx0 = L(repeating: wx0), vx1 = L(repeating: wx1)
            while ch < c && first &+ ch &+ n <= end && offset &+ c &+ ch &+ n <= a.span {
                let p = top + (offset &+ ch), q = bottom + (offset &+ ch)
                let h0 = zero.addingProduct(L(loading: p), vx0).addingProduct(L(loading: p + c), vx1)
                let h1 = zero.addingProduct(L(loading: q), vx0).addingProduct(L(loading: q + c), vx1)
                zero.addingProduct(h0, vy0).addingProduct(h1, vy1).store(to: out + ch)
                ch &+= n
            }
        }
        while ch < c {
            let p = top + (offset &+ ch), q = bottom + (offset &+ ch)
            let h0 = L.multiplyAdd(L.multiplyAdd(0, p[0], wx0), p[c], wx1)
            let h1 = L.multiplyAdd(L.multiplyAdd(0, q[0], wx0), q[c], wx1)
            out[ch] = L.multiplyAdd(L.multiplyAdd(0, h0, wy0), h1, wy1)
            ch &+= 1
        }
    }
}
