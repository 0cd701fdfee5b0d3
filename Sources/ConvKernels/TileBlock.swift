/// `V` registers of output channels for one output pixel: a row of the register tile.
///
/// A register tile is `R` blocks (R output pixels) held in registers while the micro-kernel accumulates over
/// the kernel taps and input channels; `R` is a value-generic parameter of `runTiles` and `V` is fixed by the
/// block type: `Block1`, `Block2`, `Block4`. Weights are packed `V·lanes` floats per input channel, so one block
/// load fetches the weights of one input channel for every output channel of the tile.
public protocol TileBlock {
    /// Output channels per block: `V · lanes`.
    static var width: Int { get }
    /// Zeros.
    init()
    /// `width` floats from `p`.
    init(loading p: UnsafePointer<Float>)
    /// `self += x · w` with `x` broadcast to every lane.
    mutating func multiplyAdd(_ x: Float, _ w: Self)
    /// Writes `width` floats to `p`, with `max(0, ·)` first when `relu`.
    func store(to p: UnsafeMutablePointer<Float>, relu: Bool)
}

/// One register of output channels per pixel.
public struct Block1<L: LaneVector>: TileBlock {
    @usableFromInline var v0: L

    @inlinable @inline(__always) public static var width: Int { L.lanes }
    @inlinable @inline(__always) public init() { v0 = L() }
    @inlinable @inline(__always) public init(loading p: UnsafePointer<Float>) { v0 = L(loading: p) }

    @inlinable @inline(__always)
    public mutating func multiplyAdd(_ x: Float, _ w: Self) {
        v0 = v0.addingProduct(L(repeating: x), w.v0)
    }

    @inlinable @inline(__always)
    public func store(to p: UnsafeMutablePointer<Float>, relu: Bool) {
        (relu ? v0.relu() : v0).store(to: p)
    }
}

/// Two registers of output channels per pixel.
public struct Block2<L: LaneVector>: TileBlock {
    @usableFromInline var v0, v1: L

    @inlinable @inline(__always) public static var width: Int { 2 &* L.lanes }
    @inlinable @inline(__always) public init() { (v0, v1) = (L(), L()) }
    @inlinable @inline(__always) public init(loading p: UnsafePointer<Float>) {
        (v0, v1) = (L(loading: p), L(loading: p + L.lanes))
    }

    @inlinable @inline(__always)
    public mutating func multiplyAdd(_ x: Float, _ w: Self) {
        let b = L(repeating: x)
        v0 = v0.addingProduct(b, w.v0)
        v1 = v1.addingProduct(b, w.v1)
    }

    @inlinable @inline(__always)
    public func store(to p: UnsafeMutablePointer<Float>, relu: Bool) {
        (relu ? v0.relu() : v0).store(to: p)
        (relu ? v1.relu() : v1).store(to: p + L.lanes)
    }
}

/// Four registers of output channels per pixel.
public struct Block4<L: LaneVector>: TileBlock {
    @usableFromInline var v0, v1, v2, v3: L

    @inlinable @inline(__always) public static var width: Int { 4 &* L.lanes }
    @inlinable @inline(__always) public init() { (v0, v1, v2, v3) = (L(), L(), L(), L()) }
    @inlinable @inline(__always) public init(loading p: UnsafePointer<Float>) {
        let n = L.lanes
        (v0, v1, v2, v3) = (L(loading: p), L(loading: p + n), L(loading: p + 2 &* n), L(loading: p + 3 &* n))
    }

    @inlinable @inline(__always)
    public mutating func multiplyAdd(_ x: Float, _ w: Self) {
        let b = L(repeating: x)
        v0 = v0.addingProduct(b, w.v0)
        v1 = v1.addingProduct(b, w.v1)
        v2 = v2.addingProduct(b, w.v2)
        v3 = v3.addingProduct(b, w.v3)
    }

    @inlinable @inline(__always)
    public func store(to p: UnsafeMutablePointer<Float>, relu: Bool) {
        let n = L.lanes
        (relu ? v0.relu() : v0).store(to: p)
        (relu ? v1.relu() : v1).store(to: p + n)
        (relu ? v2.relu() : v2).store(to: p + 2 &* n)
        (relu ? v3.relu() : v3).store(to: p + 3 &* n)
    }
}
