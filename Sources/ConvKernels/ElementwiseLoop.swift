/// The loops of the op table: whole vectors, then one zero-padded vector for the tail, so the tail runs the very
/// same vector code and gives the same results. With `streaming`, whole vectors are written with non-temporal
/// stores (`d` then aligned to the vector's size); the tail with plain ones. The choice is made once per loop
/// (`VectorWrites`), so each loop body is straight loads, the op and stores.

/// How a loop writes its whole vectors.
@usableFromInline protocol VectorWrites {
    static func put<V: ElementLanes>(_ v: V, _ p: UnsafeMutablePointer<V.Scalar>)
}

/// Plain stores.
@usableFromInline enum CachedWrites: VectorWrites {
    @inlinable @inline(__always)
    static func put<V: ElementLanes>(_ v: V, _ p: UnsafeMutablePointer<V.Scalar>) { V.store(v, to: p) }
}

/// Non-temporal stores (`p` aligned to the vector's size).
@usableFromInline enum StreamedWrites: VectorWrites {
    @inlinable @inline(__always)
    static func put<V: ElementLanes>(_ v: V, _ p: UnsafeMutablePointer<V.Scalar>) { V.stream(v, to: p) }
}

/// `v` to `p`: non-temporal with `streaming`.
@inlinable @inline(__always)
func put<V: ElementLanes>(_ v: V, _ p: UnsafeMutablePointer<V.Scalar>, _ streaming: Bool) {
    if streaming { V.stream(v, to: p) } else { V.store(v, to: p) }
}

/// The first `n` (< lanes) scalars at `p` in a vector, the other lanes zero.
@inlinable @inline(__always)
func loadPartial<V: SIMD>(_ p: UnsafePointer<V.Scalar>, _ n: Int) -> V {
    var v = V()
    for i in 0..<n { v[i] = p[i] }
    return v
}

@inlinable @inline(__always)
func storePartial<V: SIMD>(_ v: V, _ p: UnsafeMutablePointer<V.Scalar>, _ n: Int) {
    for i in 0..<n { p[i] = v[i] }
}

/// `d[i] = f(a[i])`.
@inlinable @inline(__always)
func map<V: ElementLanes>(_ a: UnsafePointer<V.Scalar>, _ d: UnsafeMutablePointer<V.Scalar>, _ n: Int, _ streaming: Bool,
                          _ f: (V) -> V) {
    if streaming { map(a, d, n, StreamedWrites.self, f) } else { map(a, d, n, CachedWrites.self, f) }
}

@inlinable @inline(__always)
func map<V: ElementLanes, W: VectorWrites>(_ a: UnsafePointer<V.Scalar>, _ d: UnsafeMutablePointer<V.Scalar>, _ n: Int,
                                           _: W.Type, _ f: (V) -> V) {
    let w = V.scalarCount
    var i = 0
    while i &+ 2 &* w <= n {
        let x0 = V.load(a + i), x1 = V.load(a + i + w)
        W.put(f(x0), d + i)
        W.put(f(x1), d + i + w)
        i &+= 2 &* w
    }
    while i &+ w <= n {
        W.put(f(V.load(a + i)), d + i)
        i &+= w
    }
    if i < n { storePartial(f(loadPartial(a + i, n &- i)), d + i, n &- i) }
}

/// `d[i] = f(a[i], b[i])`.
@inlinable @inline(__always)
func map<V: ElementLanes>(_ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>, _ d: UnsafeMutablePointer<V.Scalar>,
                          _ n: Int, _ streaming: Bool, _ f: (V, V) -> V) {
    if streaming { map(a, b, d, n, StreamedWrites.self, f) } else { map(a, b, d, n, CachedWrites.self, f) }
}

@inlinable @inline(__always)
func map<V: ElementLanes, W: VectorWrites>(_ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>,
                                           _ d: UnsafeMutablePointer<V.Scalar>, _ n: Int, _: W.Type,
                                           _ f: (V, V) -> V) {
    let w = V.scalarCount
    var i = 0
    while i &+ 2 &* w <= n {
        let x0 = V.load(a + i), x1 = V.load(a + i + w), y0 = V.load(b + i), y1 = V.load(b + i + w)
        W.put(f(x0, y0), d + i)
        W.put(f(x1, y1), d + i + w)
        i &+= 2 &* w
    }
    while i &+ w <= n {
        W.put(f(V.load(a + i), V.load(b + i)), d + i)
        i &+= w
    }
    if i < n { storePartial(f(loadPartial(a + i, n &- i), loadPartial(b + i, n &- i)), d + i, n &- i) }
}

/// `d[i] = f(a[i], b[i], c[i])`.
@inlinable @inline(__always)
func map<V: ElementLanes>(_ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>, _ c: UnsafePointer<V.Scalar>,
                          _ d: UnsafeMutablePointer<V.Scalar>, _ n: Int, _ streaming: Bool, _ f: (V, V, V) -> V) {
    if streaming { map(a, b, c, d, n, StreamedWrites.self, f) } else { map(a, b, c, d, n, CachedWrites.self, f) }
}

@inlinable @inline(__always)
func map<V: ElementLanes, W: VectorWrites>(_ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>,
                                           _ c: UnsafePointer<V.Scalar>, _ d: UnsafeMutablePointer<V.Scalar>,
                                           _ n: Int, _: W.Type, _ f: (V, V, V) -> V) {
    let w = V.scalarCount
    var i = 0
    while i &+ w <= n {
        W.put(f(V.load(a + i), V.load(b + i), V.load(c + i)), d + i)
        i &+= w
    }
    if i < n {
        let r = n &- i
        storePartial(f(loadPartial(a + i, r), loadPartial(b + i, r), loadPartial(c + i, r)), d + i, r)
    }
}
