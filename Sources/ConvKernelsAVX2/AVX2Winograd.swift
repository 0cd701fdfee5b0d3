import ConvKernels

// The Winograd transforms for this target. `Lane1x256` is this target's own one-float register (for channel tails):
// a type shared with another target would give its specialisations a shared name (docs/kernels.md, the trap).

extension Lanes8: WinogradLane {
    @inline(__always) static func + (a: Lanes8, b: Lanes8) -> Lanes8 { Lanes8(a.v + b.v) }
    @inline(__always) static func - (a: Lanes8, b: Lanes8) -> Lanes8 { Lanes8(a.v - b.v) }
}

/// One float as a register, for the channels past the last whole Lanes8.
struct Lane1x256: WinogradLane {
    var v: Float

    @inline(__always) init(_ v: Float) { self.v = v }
    @inline(__always) static var lanes: Int { 1 }
    @inline(__always) init() { v = 0 }
    @inline(__always) init(repeating value: Float) { v = value }
    @inline(__always) init(loading p: UnsafePointer<Float>) { v = p.pointee }
    @inline(__always) func store(to p: UnsafeMutablePointer<Float>) { p.pointee = v }
    @inline(__always) func stream(to p: UnsafeMutablePointer<Float>) { p.pointee = v }
    @inline(__always) static func streamFence() {}
    @inline(__always) static func prefetch(_ p: UnsafePointer<Float>) {}
    @inline(__always) func addingProduct(_ a: Lane1x256, _ b: Lane1x256) -> Lane1x256 { Lane1x256(v.addingProduct(a.v, b.v)) }
    @inline(__always) static func multiplyAdd(_ s: Float, _ a: Float, _ b: Float) -> Float { s.addingProduct(a, b) }
    @inline(__always) func relu() -> Lane1x256 { Lane1x256(v <= 0 ? 0 : v) }
    @inline(__always) func keepingMax(_ x: Lane1x256) -> Lane1x256 { Lane1x256(x.v >= v ? x.v : v) }
    @inline(__always) static func + (a: Lane1x256, b: Lane1x256) -> Lane1x256 { Lane1x256(a.v + b.v) }
    @inline(__always) static func - (a: Lane1x256, b: Lane1x256) -> Lane1x256 { Lane1x256(a.v - b.v) }
}

extension AVX2Kernels {
    /// `runWinogradInput` for tile size `m` (4 or 6).
    public static func winogradInput(_ args: UnsafePointer<WinogradInputArgs>, _ m: Int) {
        runWinogradInput(args, tile: m, Lanes8.self, Lane1x256.self)
    }

    /// `runWinogradOutput` for tile size `m` (4 or 6).
    public static func winogradOutput(_ args: UnsafePointer<WinogradOutputArgs>, _ m: Int) {
        runWinogradOutput(args, tile: m, Lanes8.self)
    }
}
