/// `destination[i] = max(0, source[i])` for `i < count` (NaN stays NaN); the two may be the same buffer.
///
/// With `stream`, `destination` must be 64-byte aligned and is written with non-temporal stores.
@inlinable @inline(__always)
public func runRelu<L: LaneVector>(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                                   _ count: Int, stream: Bool, _: L.Type) {
    let n = L.lanes
    var i = 0
    while i &+ 4 &* n <= count {
        let a = L(loading: source + i).relu(), b = L(loading: source + i + n).relu()
        let c = L(loading: source + i + 2 &* n).relu(), d = L(loading: source + i + 3 &* n).relu()
        if stream {
            a.stream(to: destination + i)
            b.stream(to: destination + i + n)
            c.stream(to: destination + i + 2 &* n)
            d.stream(to: destination + i + 3 &* n)
        } else {
            a.store(to: destination + i)
            b.store(to: destination + i + n)
            c.store(to: destination + i + 2 &* n)
            d.store(to: destination + i + 3 &* n)
        }
        i &+= 4 &* n
    }
    if stream { L.streamFence() }
    while i < count {
        destination[i] = L.relu(source[i])
        i &+= 1
    }
}

/// A run of output pixels of a max pool whose windows lie wholly inside the input.
public struct PoolArgs {
    /// Each window row's input at the first output pixel's window.
    public var rows: UnsafePointer<UnsafePointer<Float>>
    public var rowCount: Int
    /// Window columns; neighbouring columns are `channels` floats apart.
    public var windowWidth: Int
    public var out: UnsafeMutablePointer<Float>
    public var pixels: Int
    public var channels: Int
    /// Floats between the windows of neighbouring output pixels: `strideX · C`.
    public var pixelStep: Int

    @inlinable
    public init(rows: UnsafePointer<UnsafePointer<Float>>, rowCount: Int, windowWidth: Int,
                out: UnsafeMutablePointer<Float>, pixels: Int, channels: Int, pixelStep: Int) {
        (self.rows, self.rowCount, self.windowWidth, self.out) = (rows, rowCount, windowWidth, out)
        (self.pixels, self.channels, self.pixelStep) = (pixels, channels, pixelStep)
    }
}

/// `out(p, c) = max` over the window rows and columns of `input(p·pixelStep + kx·C + c)`, vectorised along C.
///
/// The running max starts at the lowest float (-3.4028235e38, as TensorFlow's MaxPool: a window of NaN and -∞
/// only gives that) and takes `x` when `x >= max`, window row by row, exactly the reference's order, so NaN (never
/// `>=`) is skipped as TensorFlow skips it.
@inlinable @inline(__always)
public func runMaxPool<L: LaneVector>(_ args: UnsafePointer<PoolArgs>, _: L.Type) {
    let a = args.pointee
    let n = L.lanes, c = a.channels
    for p in 0..<a.pixels {
        let base = p &* a.pixelStep
        let out = a.out + p &* c
        var ch = 0
        while ch &+ n <= c {
            var m = L(repeating: -.greatestFiniteMagnitude)
            for r in 0..<a.rowCount {
                var x = a.rows[r] + (base &+ ch)
                for _ in 0..<a.windowWidth {
                    m = m.keepingMax(L(loading: x))
                    x += c
                }
            }
            m.store(to: out + ch)
            ch &+= n
        }
        while ch < c {
            var m = -Float.greatestFiniteMagnitude
            for r in 0..<a.rowCount {
                var x = a.rows[r] + (base &+ ch)
                for _ in 0..<a.windowWidth {
                    if x.pointee >= m { m = x.pointee }
                    x += c
                }
            }
            out[ch] = m
            ch &+= 1
        }
    }
}
