/// One tap of a 2-D filter applied to every channel: where its input starts and its weight.
public struct DepthwiseTap {
    public var input: UnsafePointer<Float>
    public var weight: Float

    @inlinable public init(input: UnsafePointer<Float>, weight: Float) {
        self.input = input
        self.weight = weight
    }
}

/// A run of output pixels of a depthwise (or one-channel) filter, all of whose taps are inside the input.
public struct DepthwiseArgs {
    /// Each tap's input at the first output pixel.
    public var taps: UnsafePointer<DepthwiseTap>
    public var tapCount: Int
    public var out: UnsafeMutablePointer<Float>
    public var pixels: Int
    public var channels: Int
    /// Floats between the inputs of neighbouring output pixels: `strideX · C`.
    public var pixelStep: Int
    public var relu: Bool
    /// Store with non-temporal stores (for outputs much larger than the caches).
    public var stream: Bool
    /// Input the next output row will read first, loaded ahead while this row computes (stride 1 only).
    public var prefetch: UnsafePointer<Float>?

    @inlinable
    public init(taps: UnsafePointer<DepthwiseTap>, tapCount: Int, out: UnsafeMutablePointer<Float>, pixels: Int,
                channels: Int, pixelStep: Int, relu: Bool, stream: Bool, prefetch: UnsafePointer<Float>?) {
        (self.taps, self.tapCount, self.out, self.pixels) = (taps, tapCount, out, pixels)
        (self.channels, self.pixelStep, self.relu, self.stream, self.prefetch) =
            (channels, pixelStep, relu, stream, prefetch)
    }
}

/// `out(p, c) = Σ_t weight_t · input_t(p·pixelStep + c)` over a run of pixels, taps summed in order.
///
/// Memory-bound, so it vectorises along the row: with stride 1 (`pixelStep == channels`) pixels and channels
/// form one contiguous run of `pixels·C` floats, computed four registers at a time (`W` for a one-channel image,
/// `W·C` for a depthwise filter); with a larger stride it vectorises along the channels of each pixel. Every
/// element is the same chain of multiply-adds whichever loop computes it, so where vectors start cannot change a
/// result.
@inlinable @inline(__always)
public func runDepthwise<L: LaneVector>(_ args: UnsafePointer<DepthwiseArgs>, _: L.Type) {
    let a = args.pointee
    if a.pixelStep == a.channels {
        var j = 0
        let count = a.pixels &* a.channels
        if a.stream {
            // Scalars up to a 64-byte boundary, then aligned non-temporal stores.
            let misalignment = Int(bitPattern: a.out) & 63
            let head = ((64 &- misalignment) & 63) / 4
            j = depthwiseScalars(a, start: 0, end: min(head, count), input: 0, L.self)
            j = depthwiseVectors(a, start: j, count: count, input: 0, stream: true, L.self)
            L.streamFence()
        }
        j = depthwiseVectors(a, start: j, count: count, input: 0, stream: false, L.self)
        _ = depthwiseScalars(a, start: j, end: count, input: 0, L.self)
    } else {
        for p in 0..<a.pixels {
            let start = p &* a.channels, input = p &* a.pixelStep &- start
            let j = depthwiseVectors(a, start: start, count: start &+ a.channels, input: input, stream: false, L.self)
            _ = depthwiseScalars(a, start: j, end: start &+ a.channels, input: input, L.self)
        }
    }
}

/// Two output rows whose taps are the same kernel one input row apart (stride 1, dilation 1 vertically, every row
/// inside the image): `first` covers input rows 0 ..< kh, `second` rows 1 ... kh, `tapsPerRow` taps each.
///
/// Rows 1 ..< kh feed both outputs, so each of their vectors is loaded once: (kh+1)·kw loads per pair of output
/// vectors instead of 2·kh·kw. Each output sums its taps in the order `runDepthwise` does, so pairing never
/// changes a result. Both rows must be contiguous runs (`pixelStep == channels`) of equal length, and with
/// `stream` their outputs must share their alignment.
@inlinable @inline(__always)
public func runDepthwisePair<L: LaneVector>(_ first: UnsafePointer<DepthwiseArgs>,
                                            _ second: UnsafePointer<DepthwiseArgs>, tapsPerRow: Int, _: L.Type) {
    let a = first.pointee, b = second.pointee
    let count = a.pixels &* a.channels
    var j = 0
    if a.stream {
        let misalignment = Int(bitPattern: a.out) & 63
        let head = min(((64 &- misalignment) & 63) / 4, count)
        _ = depthwiseScalars(a, start: 0, end: head, input: 0, L.self)
        j = depthwiseScalars(b, start: 0, end: head, input: 0, L.self)
    }
    j = depthwisePairVectors(a, b, start: j, count: count, tapsPerRow: tapsPerRow, L.self)
    if a.stream { L.streamFence() }
    let ja = depthwiseVectors(a, start: j, count: count, input: 0, stream: false, L.self)
    _ = depthwiseScalars(a, start: ja, end: count, input: 0, L.self)
    let jb = depthwiseVectors(b, start: j, count: count, input: 0, stream: false, L.self)
    _ = depthwiseScalars(b, start: jb, end: count, input: 0, L.self)
}

/// The four-register steps of `runDepthwisePair`; returns the first `j` not computed.
@inlinable @inline(__always)
func depthwisePairVectors<L: LaneVector>(_ a: DepthwiseArgs, _ b: DepthwiseArgs, start: Int, count: Int,
                                         tapsPerRow: Int, _: L.Type) -> Int {
    let n = L.lanes
    let shared = a.tapCount &- tapsPerRow  // taps of a in rows 1 ..< kh = taps of b in rows 0 ..< kh-1
    var j = start
    while j &+ 4 &* n <= count {
        prefetchLines(a.prefetch, from: j, count: 4 &* n, L.self)
        prefetchLines(b.prefetch, from: j, count: 4 &* n, L.self)
        var s0 = L(), s1 = L(), s2 = L(), s3 = L()
        var t0 = L(), t1 = L(), t2 = L(), t3 = L()
        for t in 0..<tapsPerRow {  // input row 0: first output only
            let tap = a.taps[t]
            let w = L(repeating: tap.weight), p = tap.input + j
            s0 = s0.addingProduct(L(loading: p), w)
            s1 = s1.addingProduct(L(loading: p + n), w)
            s2 = s2.addingProduct(L(loading: p + 2 &* n), w)
            s3 = s3.addingProduct(L(loading: p + 3 &* n), w)
        }
        for t in 0..<shared {  // input rows 1 ..< kh: both
            let tap = a.taps[tapsPerRow &+ t]
            let w = L(repeating: tap.weight), v = L(repeating: b.taps[t].weight), p = tap.input + j
            let x0 = L(loading: p), x1 = L(loading: p + n)
            let x2 = L(loading: p + 2 &* n), x3 = L(loading: p + 3 &* n)
            s0 = s0.addingProduct(x0, w)
            s1 = s1.addingProduct(x1, w)
            s2 = s2.addingProduct(x2, w)
            s3 = s3.addingProduct(x3, w)
            t0 = t0.addingProduct(x0, v)
            t1 = t1.addingProduct(x1, v)
            t2 = t2.addingProduct(x2, v)
            t3 = t3.addingProduct(x3, v)
        }
        for t in shared..<b.tapCount {  // input row kh: second output only
            let tap = b.taps[t]
            let w = L(repeating: tap.weight), p = tap.input + j
            t0 = t0.addingProduct(L(loading: p), w)
            t1 = t1.addingProduct(L(loading: p + n), w)
            t2 = t2.addingProduct(L(loading: p + 2 &* n), w)
            t3 = t3.addingProduct(L(loading: p + 3 &* n), w)
        }
        if a.relu {
            (s0, s1, s2, s3) = (s0.relu(), s1.relu(), s2.relu(), s3.relu())
            (t0, t1, t2, t3) = (t0.relu(), t1.relu(), t2.relu(), t3.relu())
        }
        let (o, q) = (a.out + j, b.out + j)
        if a.stream {
            s0.stream(to: o)
            s1.stream(to: o + n)
            s2.stream(to: o + 2 &* n)
            s3.stream(to: o + 3 &* n)
            t0.stream(to: q)
            t1.stream(to: q + n)
            t2.stream(to: q + 2 &* n)
            t3.stream(to: q + 3 &* n)
        } else {
            s0.store(to: o)
            s1.store(to: o + n)
            s2.store(to: o + 2 &* n)
            s3.store(to: o + 3 &* n)
            t0.store(to: q)
            t1.store(to: q + n)
            t2.store(to: q + 2 &* n)
            t3.store(to: q + 3 &* n)
        }
        j &+= 4 &* n
    }
    return j
}

/// Starts loading `row[start ..< start + count]`, one cache line per 16 floats; nothing for a nil row.
@inlinable @inline(__always)
func prefetchLines<L: LaneVector>(_ row: UnsafePointer<Float>?, from start: Int, count: Int, _: L.Type) {
    guard let row else { return }
    var line = 0
    while line < count {
        L.prefetch(row + (start &+ line))
        line &+= 16
    }
}

/// `out[j] = Σ_t w_t · input_t[input + j]` for `j` from `start` while four (then one) whole registers fit below
/// `count`; returns the first `j` not computed.
@inlinable @inline(__always)
func depthwiseVectors<L: LaneVector>(_ a: DepthwiseArgs, start: Int, count: Int, input: Int, stream: Bool,
                                     _: L.Type) -> Int {
    let n = L.lanes
    let out = a.out
    var j = start
    while j &+ 4 &* n <= count {
        prefetchLines(a.prefetch, from: input &+ j, count: 4 &* n, L.self)
        var s0 = L(), s1 = L(), s2 = L(), s3 = L()
        for t in 0..<a.tapCount {
            let tap = a.taps[t]
            let w = L(repeating: tap.weight)
            let p = tap.input + (input &+ j)
            s0 = s0.addingProduct(L(loading: p), w)
            s1 = s1.addingProduct(L(loading: p + n), w)
            s2 = s2.addingProduct(L(loading: p + 2 &* n), w)
            s3 = s3.addingProduct(L(loading: p + 3 &* n), w)
        }
        if a.relu { (s0, s1, s2, s3) = (s0.relu(), s1.relu(), s2.relu(), s3.relu()) }
        if stream {
            s0.stream(to: out + j)
            s1.stream(to: out + j + n)
            s2.stream(to: out + j + 2 &* n)
            s3.stream(to: out + j + 3 &* n)
        } else {
            s0.store(to: out + j)
            s1.store(to: out + j + n)
            s2.store(to: out + j + 2 &* n)
            s3.store(to: out + j + 3 &* n)
        }
        j &+= 4 &* n
    }
    if stream { return j }
    while j &+ n <= count {
        var s = L()
        for t in 0..<a.tapCount {
            let tap = a.taps[t]
            s = s.addingProduct(L(loading: tap.input + (input &+ j)), L(repeating: tap.weight))
        }
        (a.relu ? s.relu() : s).store(to: out + j)
        j &+= n
    }
    return j
}

/// `out[j]` for `start ≤ j < end`, one float at a time, rounded as one lane of `depthwiseVectors`; returns `end`.
@inlinable @inline(__always)
func depthwiseScalars<L: LaneVector>(_ a: DepthwiseArgs, start: Int, end: Int, input: Int, _: L.Type) -> Int {
    var j = start
    while j < end {
        var s: Float = 0
        for t in 0..<a.tapCount {
            let tap = a.taps[t]
            s = L.multiplyAdd(s, tap.input[input &+ j], tap.weight)
        }
        a.out[j] = a.relu ? L.relu(s) : s
        j &+= 1
    }
    return j
}
