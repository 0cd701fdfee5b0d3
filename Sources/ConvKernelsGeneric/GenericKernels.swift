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
    @inline(__always) func relu() -> Lanes4 { Lanes4(v.replacing(with: 0, where: v .< 0)) }
    @inline(__always) func keepingMax(_ x: Lanes4) -> Lanes4 { Lanes4(v.replacing(with: x.v, where: x.v .>= v)) }
}

// MARK: - Register tiles (16 xmm registers on x86-64; 32 on arm64)

/// R pixels × 8 channels: 2R accumulators + 2 weight registers + 1 broadcast (R = 6: 15 of 16 registers).
typealias Wide6 = InlineArray<6, Block2<Lanes4>>
typealias Wide4 = InlineArray<4, Block2<Lanes4>>
/// R pixels × 4 channels: R accumulators + 1 weight register + 1 broadcast.
typealias Narrow12 = InlineArray<12, Block1<Lanes4>>
typealias Narrow8 = InlineArray<8, Block1<Lanes4>>

/// The shapes above, in the order `genericTiles` numbers them.
let genericShapes = [(8, 6), (8, 4), (4, 12), (4, 8)].map { TileShape(channels: $0.0, pixels: $0.1) }

// MARK: - Entry points

func genericTiles(_ shape: Int, _ args: UnsafePointer<ConvTileArgs>) {
    switch shape {
    case 0: runTiles(args, Wide6.self)
    case 1: runTiles(args, Wide4.self)
    case 2: runTiles(args, Narrow12.self)
    default: runTiles(args, Narrow8.self)
    }
}

func genericDepthwise(_ args: UnsafePointer<DepthwiseArgs>) { runDepthwise(args, Lanes4.self) }

func genericRelu(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int,
                 _ stream: Bool) {
    runRelu(source, destination, count, stream: stream, Lanes4.self)
}

func genericMaxPool(_ args: UnsafePointer<PoolArgs>) { runMaxPool(args, Lanes4.self) }

/// Kernels for any CPU: the baseline vector unit of the build target.
public let genericKernels = KernelSet(
    name: "generic", lanes: 4, shapes: genericShapes,
    tiles: genericTiles, depthwise: genericDepthwise, relu: genericRelu, maxPool: genericMaxPool)
