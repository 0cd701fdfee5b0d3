import ConvKernels

// The Winograd transforms for this target. `Lane1x512` is this target's own one-float register (for channel tails):
// a type shared with another target would give its specialisations a shared name (docs/kernels.md, the trap).

extension Lanes16: WinogradLane {
    @inline(__always) static func + (a: Lanes16, b: Lanes16) -> Lanes16 { Lanes16(a.v + b.v) }
    @inline(__always) static func - (a: Lanes16, b: Lanes16) -> Lanes16 { Lanes16(a.v - b.v) }
}

/// One float as a register, for the channels past the last whole Lanes16.
struct Lane1x512: WinogradLane {
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
    @inline(__always) func addingProduct(_ a: Lane1x512, _ b: Lane1x512) -> Lane1x512 { Lane1x512(v.addingProduct(a.v, b.v)) }
    @inline(__always) static func multiplyAdd(_ s: Float, _ a: Float, _ b: Float) -> Float { s.addingProduct(a, b) }
    @inline(__always) func relu() -> Lane1x512 { Lane1x512(v <= 0 ? 0 : v) }
    @inline(__always) func keepingMax(_ x: Lane1x512) -> Lane1x512 { Lane1x512(x.v >= v ? x.v : v) }
    @inline(__always) static func + (a: Lane1x512, b: Lane1x512) -> Lane1x512 { Lane1x512(a.v + b.v) }
    @inline(__always) static func - (a: Lane1x512, b: Lane1x512) -> Lane1x512 { Lane1x512(a.v - b.v) }
}

extension AVX512Kernels {
    /// `runWinogradInput` for tile size `m` (4 or 6).
    public static func winogradInput(_ args: UnsafePointer<WinogradInputArgs>, _ m: Int) {
        runWinogradInput(args, tile: m, Lanes16.self, Lane1x512.self)
    }

    /// `runWinogradOutput` for tile size `m` (4 or 6).
    public static func winogradOutput(_ args: UnsafePointer<WinogradOutputArgs>, _ m: Int) {
        runWinogradOutput(args, tile: m, Lanes16.self)
    }
}
