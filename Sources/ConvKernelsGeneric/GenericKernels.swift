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
    @inline(__always) func addingProduct(_ a: Lanes4, _ b: Lanes4) -> Lanes4 {
        #if arch(x86_64)
        // NOTE: baseline x86-64 has no FMA instruction; a fused multiply-add would become a libm call per lane.
        Lanes4(v + a.v * b.v)
        #else
        Lanes4(v.addingProduct(a.v, b.v))
        #endif
    }
    @inline(__always) func relu() -> Lanes4 { Lanes4(v.replacing(with: 0, where: v .< 0)) }
    @inline(__always) func keepingMax(_ x: Lanes4) -> Lanes4 { Lanes4(v.replacing(with: x.v, where: x.v .>= v)) }
}

// MARK: - Register tiles (16 xmm registers on x86-64; 32 on arm64)

/// 6 pixels × 8 channels: 12 accumulators + 2 weight registers + 1 broadcast.
typealias WideTile = InlineArray<6, Block2<Lanes4>>
/// 12 pixels × 4 channels: 12 accumulators + 1 weight register + 1 broadcast.
typealias NarrowTile = InlineArray<12, Block1<Lanes4>>

// MARK: - Entry points

func genericTiles(_ shape: Int, _ args: UnsafePointer<ConvTileArgs>) {
    switch shape {
    case 0: runTiles(args, WideTile.self)
    default: runTiles(args, NarrowTile.self)
    }
}

func genericDepthwise(_ args: UnsafePointer<DepthwiseArgs>) { runDepthwise(args, Lanes4.self) }

func genericRelu(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int) {
    runRelu(source, destination, count, Lanes4.self)
}

func genericMaxPool(_ args: UnsafePointer<PoolArgs>) { runMaxPool(args, Lanes4.self) }

/// Kernels for any CPU: the baseline vector unit of the build target.
public let genericKernels = KernelSet(
    name: "generic", lanes: 4,
    shapes: [TileShape(channels: 8, pixels: 6), TileShape(channels: 4, pixels: 12)],
    tiles: genericTiles, depthwise: genericDepthwise, relu: genericRelu, maxPool: genericMaxPool)
