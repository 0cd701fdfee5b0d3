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

    @inlinable
    public init(taps: UnsafePointer<DepthwiseTap>, tapCount: Int, out: UnsafeMutablePointer<Float>, pixels: Int,
                channels: Int, pixelStep: Int, relu: Bool) {
        (self.taps, self.tapCount, self.out, self.pixels) = (taps, tapCount, out, pixels)
        (self.channels, self.pixelStep, self.relu) = (channels, pixelStep, relu)
    }
}

/// `out(p, c) = Σ_t weight_t · input_t(p·pixelStep + c)` over a run of pixels, taps summed in order.
///
/// Memory-bound, so it vectorises along the row: with stride 1 (`pixelStep == channels`) pixels and channels
/// form one contiguous run of `pixels·C` floats, computed four registers at a time (`W` for a one-channel image,
/// `W·C` for a depthwise filter); with a larger stride it vectorises along the channels of each pixel.
@inlinable @inline(__always)
public func runDepthwise<L: LaneVector>(_ args: UnsafePointer<DepthwiseArgs>, _: L.Type) {
    let a = args.pointee
    if a.pixelStep == a.channels {
        depthwiseSpan(a, start: 0, count: a.pixels &* a.channels, input: 0, L.self)
    } else {
        for p in 0..<a.pixels {
            depthwiseSpan(a, start: p &* a.channels, count: a.channels, input: p &* a.pixelStep, L.self)
        }
    }
}

/// `out[start + j] = Σ_t w_t · input_t[input + j]`, `j < count`: four registers per step, then one, then scalars.
@inlinable @inline(__always)
func depthwiseSpan<L: LaneVector>(_ a: DepthwiseArgs, start: Int, count: Int, input: Int, _: L.Type) {
    let n = L.lanes
    let out = a.out + start
    var j = 0
    while j &+ 4 &* n <= count {
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
        (a.relu ? s0.relu() : s0).store(to: out + j)
        (a.relu ? s1.relu() : s1).store(to: out + j + n)
        (a.relu ? s2.relu() : s2).store(to: out + j + 2 &* n)
        (a.relu ? s3.relu() : s3).store(to: out + j + 3 &* n)
        j &+= 4 &* n
    }
    while j &+ n <= count {
        var s = L()
        for t in 0..<a.tapCount {
            let tap = a.taps[t]
            s = s.addingProduct(L(loading: tap.input + (input &+ j)), L(repeating: tap.weight))
        }
        (a.relu ? s.relu() : s).store(to: out + j)
        j &+= n
    }
    while j < count {
        var s: Float = 0
        for t in 0..<a.tapCount {
            let tap = a.taps[t]
            s += tap.weight * tap.input[input &+ j]
        }
        out[j] = a.relu ? L.relu(s) : s
        j &+= 1
    }
}
