import CKernelSupport
import ConvKernels

/// One 128-bit register of 4 floats: SSE2 on any x86-64, NEON on arm64.
struct Lanes4: LaneVector {
    var v: SIMD4<Float>

    @inline(__always) init(_ v: SIMD4<Float>) { self.v = v }
    @inline(__always) static var lanes: Int { 4 }
    @inline(__always) init() { v = SIMD4() }
    @inline(__always) init(repeating value: Float) { v = SIMD4(repeating: value) }
    @inline(__always) init(loading p: UnsafePointer<Float>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }
    @inline(__always) func store(to p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
    }
    @inline(__always) func stream(to p: UnsafeMutablePointer<Float>) { ckernel_stream4(p, v) }
    @inline(__always) static func streamFence() { ckernel_stream_fence() }
    @inline(__always) static func prefetch(_ p: UnsafePointer<Float>) { ckernel_prefetch(p) }
    @inline(__always) func addingProduct(_ a: Lanes4, _ b: Lanes4) -> Lanes4 {
        #if arch(x86_64)
        // NOTE: baseline x86-64 has no FMA instruction; a fused multiply-add would become a libm call per lane.
        Lanes4(v + a.v * b.v)
        #else
        Lanes4(v.addingProduct(a.v, b.v))
        #endif
    }
    @inline(__always) static func multiplyAdd(_ s: Float, _ a: Float, _ b: Float) -> Float {
        #if arch(x86_64)
        s + a * b
        #else
        s.addingProduct(a, b)
        #endif
    }
    @inline(__always) func relu() -> Lanes4 { Lanes4(v.replacing(with: 0, where: v .<= 0)) }
    @inline(__always) func keepingMax(_ x: Lanes4) -> Lanes4 { Lanes4(v.replacing(with: x.v, where: x.v .>= v)) }
}

// MARK: - Register tiles (16 xmm registers on x86-64; 32 on arm64)

/// R pixels × 8 channels: 2R accumulators + 2 weight registers + 1 broadcast (R = 6: 15 of 16 registers).
typealias Wide6 = InlineArray<6, Block2<Lanes4>>
typealias Wide4 = InlineArray<4, Block2<Lanes4>>
/// R pixels × 4 channels: R accumulators + 1 weight register + 1 broadcast.
typealias Narrow12 = InlineArray<12, Block1<Lanes4>>
typealias Narrow8 = InlineArray<8, Block1<Lanes4>>

// MARK: - Entry points

/// Kernels for any CPU: the baseline vector unit of the build target.
///
/// Plain functions on raw pointers only: a generic or array-building function here would be specialised under a
/// name another kernel target also emits, and the linker would keep one copy, compiled for one CPU.
public enum GenericKernels {
    /// Floats per register.
    public static let lanes = 4
    /// Register tiles in `tiles` numbering (`TileShape.channels` × `TileShape.pixels`).
    public static let shapeCount = 4

    public static func shape(_ index: Int) -> TileShape {
        switch index {
        case 0: TileShape(channels: 8, pixels: 6)
        case 1: TileShape(channels: 8, pixels: 4)
        case 2: TileShape(channels: 4, pixels: 12)
        case 3: TileShape(channels: 4, pixels: 8)
        default: TileShape(channels: 0, pixels: 0)
        }
    }

    /// `runTiles` with tile `shape`.
    public static func tiles(_ shape: Int, _ args: UnsafePointer<ConvTileArgs>) {
        switch shape {
        case 0: runTiles(args, Wide6.self)
        case 1: runTiles(args, Wide4.self)
        case 2: runTiles(args, Narrow12.self)
        default: runTiles(args, Narrow8.self)
        }
    }

    public static func depthwise(_ args: UnsafePointer<DepthwiseArgs>) { runDepthwise(args, Lanes4.self) }

    public static func depthwisePair(_ first: UnsafePointer<DepthwiseArgs>, _ second: UnsafePointer<DepthwiseArgs>,
                                     _ tapsPerRow: Int) {
        runDepthwisePair(first, second, tapsPerRow: tapsPerRow, Lanes4.self)
    }

    public static func relu(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int,
                            _ stream: Bool) {
        runRelu(source, destination, count, stream: stream, Lanes4.self)
    }

    public static func maxPool(_ args: UnsafePointer<PoolArgs>) { runMaxPool(args, Lanes4.self) }

    public static func elementwise(_ args: UnsafePointer<ElementwiseArgs>) {
        runElementwise(args, SIMD4<Float>.self)
    }
}

// MARK: - The element-wise engine's register

/// The op table's square root, exp, log, loads, stores, comparisons and the `select` op's blend (`choose`) on this
/// target's register: C on clang's vector types (`ckernel_support.h`, `ckernel_math.h`). `select` inside the
/// functions' chains stays Swift's: there it compiles to one masked instruction that LLVM folds into the operation
/// before it, which the C blend did not (sigmoid 4% slower).
extension SIMD4: ElementLanes where Scalar == Float {
    @inline(__always) public static func squareRoot(_ x: Self) -> Self { ckernel_sqrt4(x) }
    @inline(__always) public static func exp(_ x: Self) -> Self { ckernel_exp4(x) }
    @inline(__always) public static func log(_ x: Self) -> Self { ckernel_log4(x) }
    @inline(__always) public static func stream(_ x: Self, to p: UnsafeMutablePointer<Float>) { ckernel_stream4(p, x) }
    @inline(__always) public static func load(_ p: UnsafePointer<Float>) -> Self { ckernel_load4(p) }
    @inline(__always) public static func store(_ x: Self, to p: UnsafeMutablePointer<Float>) { ckernel_store4(p, x) }
    @inline(__always) public static func choose(_ condition: Self, _ a: Self, _ b: Self) -> Self {
        ckernel_choose4(condition, a, b)
    }
    @inline(__always) public static func less(_ a: Self, _ b: Self) -> Self { ckernel_less4(a, b) }
    @inline(__always) public static func lessEqual(_ a: Self, _ b: Self) -> Self { ckernel_lessequal4(a, b) }
    @inline(__always) public static func equal(_ a: Self, _ b: Self) -> Self { ckernel_equal4(a, b) }
    @inline(__always) public static func notEqual(_ a: Self, _ b: Self) -> Self { ckernel_notequal4(a, b) }
    @inline(__always) public static func select(_ condition: Self, _ a: Self, _ b: Self) -> Self {
        b.replacing(with: a, where: condition .!= 0)
    }
}

/// This target's register runs the float algorithms of `LaneMath.swift`.
extension SIMD4: FloatLanes where Scalar == Float {}
