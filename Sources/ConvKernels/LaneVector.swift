/// One SIMD register of float32 lanes, as an instruction-set target defines it.
///
/// The kernels in this module are generic over `LaneVector` and marked `@inlinable @inline(__always)`, so each
/// ISA target (`ConvKernelsAVX512`, `ConvKernelsAVX2`, `ConvKernelsGeneric`) compiles its own copy with its own
/// `-target-cpu`: the generic code here is the single source, the ISA targets only say what a register is.
public protocol LaneVector {
    /// Floats per register: 16 for AVX-512, 8 for AVX2, 4 for SSE/NEON.
    static var lanes: Int { get }
    /// All lanes zero.
    init()
    init(repeating value: Float)
    /// `lanes` floats from `p`, any alignment.
    init(loading p: UnsafePointer<Float>)
    /// Writes `lanes` floats to `p`, any alignment.
    func store(to p: UnsafeMutablePointer<Float>)
    /// Writes `lanes` floats to `p` (aligned to `lanes · 4` bytes) without reading its cache line first.
    func stream(to p: UnsafeMutablePointer<Float>)
    /// Orders earlier `stream` stores before later stores; call once after a run of them.
    static func streamFence()
    /// Starts loading the cache line holding `p` (any address: a prefetch never faults).
    static func prefetch(_ p: UnsafePointer<Float>)
    /// `self + a·b` per lane; fused where the ISA has FMA.
    func addingProduct(_ a: Self, _ b: Self) -> Self
    /// `s + a·b` for one float, rounded exactly as one lane of `addingProduct`, for loop heads and tails.
    static func multiplyAdd(_ s: Float, _ a: Float, _ b: Float) -> Float
    /// `x <= 0 ? 0 : x` per lane (NaN stays NaN and -0 becomes +0, as `tf.nn.relu`'s vector path).
    func relu() -> Self
    /// `x >= self ? x : self` per lane: the running max of a pooling window, in the reference's order.
    func keepingMax(_ x: Self) -> Self
}

extension LaneVector {
    /// Scalar twin of `relu()`, for loop tails.
    @inlinable @inline(__always)
    public static func relu(_ x: Float) -> Float { x <= 0 ? 0 : x }
}
