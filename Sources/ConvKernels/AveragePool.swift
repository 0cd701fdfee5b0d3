/// `out(p, c) = scale · Σ` over the window rows and columns of `input(p·pixelStep + kx·C + c)`, vectorised along
/// C: average pooling of windows wholly inside the input (`scale = 1/(kh·kw)`).
///
/// Sums in window order (row by row, left to right) starting from 0, as the reference does; `acc + x·1` is an
/// exact add, and the final `0 + acc·scale` one rounding.
@inlinable @inline(__always)
public func runAveragePool<L: LaneVector>(_ args: UnsafePointer<PoolArgs>, _ scale: Float, _: L.Type) {
    let a = args.pointee
    let n = L.lanes, c = a.channels
    let one = L(repeating: 1), factor = L(repeating: scale), zero = L(repeating: 0)
    for p in 0..<a.pixels {
        let base = p &* a.pixelStep
        let out = a.out + p &* c
        var ch = 0
        while ch &+ n <= c {
            var sum = zero
            for r in 0..<a.rowCount {
                var x = a.rows[r] + (base &+ ch)
                for _ in 0..<a.windowWidth {
                    sum = sum.addingProduct(L(loading: x), one)
                    x += c
                }
            }
            zero.addingProduct(sum, factor).store(to: out + ch)
            ch &+= n
        }
        while ch < c {
            var sum: Float = 0
            for r in 0..<a.rowCount {
                var x = a.rows[r] + (base &+ ch)
                for _ in 0..<a.windowWidth {
                    sum += x.pointee
                    x += c
                }
            }
            out[ch] = sum * scale
            ch &+= 1
        }
    }
}
