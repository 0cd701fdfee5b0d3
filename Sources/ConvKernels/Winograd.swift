/// A register the Winograd transforms can add and subtract (the GEMM between them is `runTiles`).
///
/// Each ISA target conforms its vector type and a one-float type of its own (for channel tails), so every
/// specialisation of the transforms below carries that target's name.
public protocol WinogradLane: LaneVector {
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
}

/// One tile's input transform `V = Bᵀ d B` for every channel: read by `runWinogradInput`.
///
/// The patch `d` is `α × α` pixels (`α = m + 2`) of `channels` floats: pixel `(i, j)` channel `c` at
/// `source + i·rowStep + j·pixelStep + c`. Element `ξ = l·α + k` of `V` for channel `c` goes to
/// `out + ξ·planeStep + c`, so each of the `α²` planes is one row of a GEMM's left matrix.
public struct WinogradInputArgs {
    public var source: UnsafePointer<Float>
    public var rowStep: Int, pixelStep: Int
    public var channels: Int
    public var out: UnsafeMutablePointer<Float>
    public var planeStep: Int
    /// `α² · lanes` floats of working space.
    public var scratch: UnsafeMutableRawPointer

    @inlinable
    public init(source: UnsafePointer<Float>, rowStep: Int, pixelStep: Int, channels: Int,
                out: UnsafeMutablePointer<Float>, planeStep: Int, scratch: UnsafeMutableRawPointer) {
        (self.source, self.rowStep, self.pixelStep, self.channels) = (source, rowStep, pixelStep, channels)
        (self.out, self.planeStep, self.scratch) = (out, planeStep, scratch)
    }
}

/// One tile's output transform `Y = Aᵀ M A` (+ bias, then relu) for a block of channels: read by
/// `runWinogradOutput`.
///
/// `M` element `ξ` channel `c` is at `source + ξ·planeStep + c` for `c < channels` (a multiple of the ISA's
/// lanes); output pixel `(p, q)` channel `c` goes to `out + p·rowStep + q·pixelStep + c` for `p < rows`,
/// `q < columns` and `c < store` only (edge tiles and the last channel block are partial).
public struct WinogradOutputArgs {
    public var source: UnsafePointer<Float>
    public var planeStep: Int
    public var channels: Int, store: Int
    /// One float per channel of the block, added before the activation; nil for none.
    public var bias: UnsafePointer<Float>?
    public var relu: Bool
    public var out: UnsafeMutablePointer<Float>
    public var rowStep: Int, pixelStep: Int
    public var rows: Int, columns: Int
    /// `(α·m + 1) · lanes` floats of working space.
    public var scratch: UnsafeMutableRawPointer

    @inlinable
    public init(source: UnsafePointer<Float>, planeStep: Int, channels: Int, store: Int, bias: UnsafePointer<Float>?,
                relu: Bool, out: UnsafeMutablePointer<Float>, rowStep: Int, pixelStep: Int, rows: Int, columns: Int,
                scratch: UnsafeMutableRawPointer) {
        (self.source, self.planeStep, self.channels, self.store, self.bias) = (source, planeStep, channels, store, bias)
        (self.relu, self.out, self.rowStep, self.pixelStep) = (relu, out, rowStep, pixelStep)
        (self.rows, self.columns, self.scratch) = (rows, columns, scratch)
    }
}

// MARK: - Entry points (per tile size m = 4 or 6)

/// `V = Bᵀ d B` for one tile, every channel: full registers of `L`, then the channel tail one float at a time
/// with `S` (`S.lanes == 1`). Two passes of 1-D transforms (rows into scratch, then columns into the planes).
@inlinable @inline(__always)
public func runWinogradInput<L: WinogradLane, S: WinogradLane>(_ args: UnsafePointer<WinogradInputArgs>, tile m: Int,
                                                               _: L.Type, _: S.Type) {
    let a = args.pointee
    var c = 0
    while c &+ L.lanes <= a.channels {
        if m == 4 { winogradInput4(a, c, L.self) } else { winogradInput6(a, c, L.self) }
        c &+= L.lanes
    }
    while c < a.channels {
        if m == 4 { winogradInput4(a, c, S.self) } else { winogradInput6(a, c, S.self) }
        c &+= 1
    }
}

/// `Y = Aᵀ M A` for one tile and block (+ bias, relu at store), in registers of `L`.
@inlinable @inline(__always)
public func runWinogradOutput<L: WinogradLane>(_ args: UnsafePointer<WinogradOutputArgs>, tile m: Int, _: L.Type) {
    let a = args.pointee
    var c = 0
    while c < a.store {
        if m == 4 { winogradOutput4(a, c, L.self) } else { winogradOutput6(a, c, L.self) }
        c &+= L.lanes
    }
}

// MARK: - F(4×4, 3×3): α = 6, points 0, ±1, ±2 (Lavin & Gray 2016)

/// `Bᵀ d` for 6 values:
///
///     Bᵀ = [4  0 -5  0  1  0;  0 -4 -4  1  1  0;  0  4 -4 -1  1  0;
///           0 -2 -1  2  1  0;  0  2 -1 -2  1  0;  0  4  0 -5  0  1]
@inlinable @inline(__always)
func inputRow4<L: WinogradLane>(_ d: (L, L, L, L, L, L)) -> (L, L, L, L, L, L) {
    let (four, five, two) = (L(repeating: 4), L(repeating: -5), L(repeating: 2))
    let minus4 = L(repeating: -4)
    let p = d.4.addingProduct(d.2, minus4), q = d.3.addingProduct(d.1, minus4)  // d4 - 4d2, d3 - 4d1
    let r = d.4 - d.2, s = d.3 - d.1
    return (d.4.addingProduct(d.2, five).addingProduct(d.0, four), p + q, p - q,
            r.addingProduct(s, two), r - s - s, d.5.addingProduct(d.3, five).addingProduct(d.1, four))
}

@inlinable @inline(__always)
func winogradInput4<L: WinogradLane>(_ a: WinogradInputArgs, _ c: Int, _: L.Type) {
    let n = L.lanes
    let t = a.scratch.assumingMemoryBound(to: Float.self)
    for i in 0..<6 {
        let p = a.source + (i &* a.rowStep &+ c)
        let s = a.pixelStep
        let r = inputRow4((L(loading: p), L(loading: p + s), L(loading: p + 2 &* s), L(loading: p + 3 &* s),
                           L(loading: p + 4 &* s), L(loading: p + 5 &* s)))
        let o = t + i &* 6 &* n
        r.0.store(to: o); r.1.store(to: o + n); r.2.store(to: o + 2 &* n)
        r.3.store(to: o + 3 &* n); r.4.store(to: o + 4 &* n); r.5.store(to: o + 5 &* n)
    }
    for k in 0..<6 {
        let p = UnsafePointer(t + k &* n), s = 6 &* n
        let r = inputRow4((L(loading: p), L(loading: p + s), L(loading: p + 2 &* s), L(loading: p + 3 &* s),
                           L(loading: p + 4 &* s), L(loading: p + 5 &* s)))
        let o = a.out + (k &* a.planeStep &+ c), row = 6 &* a.planeStep
        r.0.store(to: o); r.1.store(to: o + row); r.2.store(to: o + 2 &* row)
        r.3.store(to: o + 3 &* row); r.4.store(to: o + 4 &* row); r.5.store(to: o + 5 &* row)
    }
}

/// `Aᵀ m` for 6 values: `Aᵀ = [1 1 1 1 1 0; 0 1 -1 2 -2 0; 0 1 1 4 4 0; 0 1 -1 8 -8 1]`.
@inlinable @inline(__always)
func outputRow4<L: WinogradLane>(_ m: (L, L, L, L, L, L)) -> (L, L, L, L) {
    let a1 = m.1 + m.2, b1 = m.1 - m.2, a2 = m.3 + m.4, b2 = m.3 - m.4
    return (m.0 + a1 + a2, b1.addingProduct(b2, L(repeating: 2)), a1.addingProduct(a2, L(repeating: 4)),
            (b1 + m.5).addingProduct(b2, L(repeating: 8)))
}

@inlinable @inline(__always)
func winogradOutput4<L: WinogradLane>(_ a: WinogradOutputArgs, _ c: Int, _: L.Type) {
    let n = L.lanes
    let t = a.scratch.assumingMemoryBound(to: Float.self)
    for l in 0..<6 {
        let p = a.source + (l &* 6 &* a.planeStep &+ c), s = a.planeStep
        let r = outputRow4((L(loading: p), L(loading: p + s), L(loading: p + 2 &* s), L(loading: p + 3 &* s),
                            L(loading: p + 4 &* s), L(loading: p + 5 &* s)))
        let o = t + l &* 4 &* n
        r.0.store(to: o); r.1.store(to: o + n); r.2.store(to: o + 2 &* n); r.3.store(to: o + 3 &* n)
    }
    let bias = loadBias(a, c, t + 24 &* n, L.self)
    for q in 0..<min(4, a.columns) {
        let p = UnsafePointer(t + q &* n), s = 4 &* n
        let y = outputRow4((L(loading: p), L(loading: p + s), L(loading: p + 2 &* s), L(loading: p + 3 &* s),
                            L(loading: p + 4 &* s), L(loading: p + 5 &* s)))
        storeColumn(a, c, q, [y.0, y.1, y.2, y.3], bias, t + 24 &* n)
    }
}

// MARK: - F(6×6, 3×3): α = 8, points 0, ±1, ±2, ±1/2 (as NNPACK and ncnn)

/// `Bᵀ d` for 8 values:
///
///     Bᵀ = [1  0    -21/4  0     21/4  0    -1  0;   0  1    1   -17/4 -17/4  1    1  0;
///           0 -1    1     17/4 -17/4 -1    1  0;     0  1/2  1/4 -5/2  -5/4   2    1  0;
///           0 -1/2  1/4   5/2  -5/4  -2    1  0;     0  2    4   -5/2  -5     1/2  1  0;
///           0 -2    4     5/2  -5    -1/2  1  0;     0 -1    0    21/4  0   -21/4  0  1]
@inlinable @inline(__always)
func inputRow6<L: WinogradLane>(_ d: (L, L, L, L, L, L, L, L)) -> (L, L, L, L, L, L, L, L) {
    let c525 = L(repeating: 5.25), m425 = L(repeating: -4.25), m125 = L(repeating: -1.25)
    let r0 = (d.0 - d.6).addingProduct(d.4 - d.2, c525)
    let r7 = (d.7 - d.1).addingProduct(d.3 - d.5, c525)
    let t1 = (d.2 + d.6).addingProduct(d.4, m425), t2 = (d.1 + d.5).addingProduct(d.3, m425)
    let t3 = d.6.addingProduct(d.2, L(repeating: 0.25)).addingProduct(d.4, m125)
    let t4 = (d.5 + d.5).addingProduct(d.1, L(repeating: 0.5)).addingProduct(d.3, L(repeating: -2.5))
    let t5 = d.6.addingProduct(d.2.addingProduct(d.4, m125), L(repeating: 4))
    let t6 = (d.1 + d.1).addingProduct(d.3, L(repeating: -2.5)).addingProduct(d.5, L(repeating: 0.5))
    return (r0, t1 + t2, t1 - t2, t3 + t4, t3 - t4, t5 + t6, t5 - t6, r7)
}

@inlinable @inline(__always)
func winogradInput6<L: WinogradLane>(_ a: WinogradInputArgs, _ c: Int, _: L.Type) {
    let n = L.lanes
    let t = a.scratch.assumingMemoryBound(to: Float.self)
    for i in 0..<8 {
        let p = a.source + (i &* a.rowStep &+ c), s = a.pixelStep
        let r = inputRow6((L(loading: p), L(loading: p + s), L(loading: p + 2 &* s), L(loading: p + 3 &* s),
                           L(loading: p + 4 &* s), L(loading: p + 5 &* s), L(loading: p + 6 &* s),
                           L(loading: p + 7 &* s)))
        let o = t + i &* 8 &* n
        r.0.store(to: o); r.1.store(to: o + n); r.2.store(to: o + 2 &* n); r.3.store(to: o + 3 &* n)
        r.4.store(to: o + 4 &* n); r.5.store(to: o + 5 &* n); r.6.store(to: o + 6 &* n); r.7.store(to: o + 7 &* n)
    }
    for k in 0..<8 {
        let p = UnsafePointer(t + k &* n), s = 8 &* n
        let r = inputRow6((L(loading: p), L(loading: p + s), L(loading: p + 2 &* s), L(loading: p + 3 &* s),
                           L(loading: p + 4 &* s), L(loading: p + 5 &* s), L(loading: p + 6 &* s),
                           L(loading: p + 7 &* s)))
        let o = a.out + (k &* a.planeStep &+ c), row = 8 &* a.planeStep
        r.0.store(to: o); r.1.store(to: o + row); r.2.store(to: o + 2 &* row); r.3.store(to: o + 3 &* row)
        r.4.store(to: o + 4 &* row); r.5.store(to: o + 5 &* row); r.6.store(to: o + 6 &* row)
        r.7.store(to: o + 7 &* row)
    }
}

/// `Aᵀ m` for 8 values: rows `[1 1 1 1 1 1 1 0]` and `[0 1 ±1 2ᵏ ±2ᵏ 2⁻ᵏ ±2⁻ᵏ 0]` for k = 1...5, the last + m7.
@inlinable @inline(__always)
func outputRow6<L: WinogradLane>(_ m: (L, L, L, L, L, L, L, L)) -> (L, L, L, L, L, L) {
    let a1 = m.1 + m.2, b1 = m.1 - m.2, a2 = m.3 + m.4, b2 = m.3 - m.4, a3 = m.5 + m.6, b3 = m.5 - m.6
    return (m.0 + a1 + a2 + a3,
            b1.addingProduct(b2, L(repeating: 2)).addingProduct(b3, L(repeating: 0.5)),
            a1.addingProduct(a2, L(repeating: 4)).addingProduct(a3, L(repeating: 0.25)),
            b1.addingProduct(b2, L(repeating: 8)).addingProduct(b3, L(repeating: 0.125)),
            a1.addingProduct(a2, L(repeating: 16)).addingProduct(a3, L(repeating: 0.0625)),
            (b1 + m.7).addingProduct(b2, L(repeating: 32)).addingProduct(b3, L(repeating: 0.03125)))
}

@inlinable @inline(__always)
func winogradOutput6<L: WinogradLane>(_ a: WinogradOutputArgs, _ c: Int, _: L.Type) {
    let n = L.lanes
    let t = a.scratch.assumingMemoryBound(to: Float.self)
    for l in 0..<8 {
        let p = a.source + (l &* 8 &* a.planeStep &+ c), s = a.planeStep
        let r = outputRow6((L(loading: p), L(loading: p + s), L(loading: p + 2 &* s), L(loading: p + 3 &* s),
                            L(loading: p + 4 &* s), L(loading: p + 5 &* s), L(loading: p + 6 &* s),
                            L(loading: p + 7 &* s)))
        let o = t + l &* 6 &* n
        r.0.store(to: o); r.1.store(to: o + n); r.2.store(to: o + 2 &* n)
        r.3.store(to: o + 3 &* n); r.4.store(to: o + 4 &* n); r.5.store(to: o + 5 &* n)
    }
    let bias = loadBias(a, c, t + 48 &* n, L.self)
    for q in 0..<min(6, a.columns) {
        let p = UnsafePointer(t + q &* n), s = 6 &* n
        let y = outputRow6((L(loading: p), L(loading: p + s), L(loading: p + 2 &* s), L(loading: p + 3 &* s),
                            L(loading: p + 4 &* s), L(loading: p + 5 &* s), L(loading: p + 6 &* s),
                            L(loading: p + 7 &* s)))
        storeColumn(a, c, q, [y.0, y.1, y.2, y.3, y.4, y.5], bias, t + 48 &* n)
    }
}

// MARK: - Store

/// The bias of channels `c ..< c + lanes` (zero without a bias, and past `store`: the bias has `store` floats).
@inlinable @inline(__always)
func loadBias<L: WinogradLane>(_ a: WinogradOutputArgs, _ c: Int, _ spill: UnsafeMutablePointer<Float>,
                               _: L.Type) -> L {
    guard let bias = a.bias else { return L() }
    if c &+ L.lanes <= a.store { return L(loading: bias + c) }
    spill.update(repeating: 0, count: L.lanes)
    spill.update(from: bias + c, count: a.store &- c)
    return L(loading: spill)
}

/// Writes output column `q` of a tile (`y[p]` for `p < rows`) at channels `c ..< c + lanes`, bias added and relu
/// applied; a register reaching past `store` goes through `spill` and only its real channels are copied.
@inlinable @inline(__always)
func storeColumn<L: WinogradLane, let M: Int>(_ a: WinogradOutputArgs, _ c: Int, _ q: Int, _ y: InlineArray<M, L>,
                                               _ bias: L, _ spill: UnsafeMutablePointer<Float>) {
    let whole = c &+ L.lanes <= a.store
    for p in 0..<min(M, a.rows) {
        var v = y[p] + bias
        if a.relu { v = v.relu() }
        let o = a.out + (p &* a.rowStep &+ q &* a.pixelStep &+ c)
        if whole {
            v.store(to: o)
        } else {
            v.store(to: spill)
            o.update(from: spill, count: a.store &- c)
        }
    }
}
