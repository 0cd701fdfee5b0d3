/// Separable resampling of `[N,H,W,C]` by one `AxisWeights` per axis: the arithmetic of `tf.image.resize`.
///
///     out(n,oy,ox,c) = Σ_i Σ_j rows.w[oy,i] · cols.w[ox,j] · x(n, rows.start[oy]+i, cols.start[ox]+j, c)
public enum Resampling {
    /// The oracle: the double sum one output element at a time, in Double.
    public static func reference(_ input: Tensor, rows: AxisWeights, cols: AxisWeights) throws -> Tensor {
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = rows.starts.count, ow = cols.starts.count
        var output = try Tensor(uninitializedShape: [n, oh, ow, c])
        let x = input.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            var index = 0
            for b in 0..<n {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        for ch in 0..<c {
                            var sum = 0.0
                            for i in 0..<rows.taps {
                                let wy = Double(rows.weights[oy * rows.taps + i])
                                let iy = rows.starts[oy] + i
                                for j in 0..<cols.taps {
                                    let wx = Double(cols.weights[ox * cols.taps + j])
                                    let ix = cols.starts[ox] + j
                                    sum += wy * wx * Double(x[((b * h + iy) * w + ix) * c + ch])
                                }
                            }
                            out[index] = Float(sum)
                            index += 1
                        }
                    }
                }
            }
        }
        return output
    }

    /// The threaded schedule: one task per output row of one image, two passes through per-worker scratch.
    ///
    /// Which pass goes first is chosen by cost. Rows first (`rowTaps·W·C + OW·colTaps·C` per output row: cheap
    /// when upsampling): `row[0..<W·C] = Σ_i wy_i · x(sy+i, 0..<W·C)` (contiguous, vectorised), then
    /// `out(ox, c) = Σ_j wx_j · row(sx+j, c)`. Columns first (`rowTaps·OW·colTaps·C`: cheap when shrinking, since
    /// only the needed columns are read): `h_i(ox, c) = Σ_j wx_j · x(sy+i, sx+j, c)` for each tap row, then
    /// `out = Σ_i wy_i · h_i`, in one pass without scratch for bilinear's 2x2 taps. A 1024-wide RGB row is 12 KiB, so a task's rows stay in L1/L2.
    public static func resample(_ input: Tensor, rows: AxisWeights, cols: AxisWeights, threads: Int) throws -> Tensor {
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = rows.starts.count, ow = cols.starts.count
        var output = try Tensor(uninitializedShape: [n, oh, ow, c])
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let rowLength = w * c, outLength = ow * c
        let rowsFirst = rows.taps * rowLength + outLength * cols.taps <= rows.taps * outLength * cols.taps
        let scratch = try Scratch(workers: min(threads, n * oh),
                                  perWorker: (rowsFirst ? rowLength : outLength) * MemoryLayout<Float>.stride)
        rows.weights.withUnsafeBufferPointer { wyBuffer in
            cols.weights.withUnsafeBufferPointer { wxBuffer in
                rows.starts.withUnsafeBufferPointer { syBuffer in
                    cols.starts.withUnsafeBufferPointer { sxBuffer in
                        let wy = wyBuffer.baseAddress!, wx = wxBuffer.baseAddress!
                        let sy = syBuffer.baseAddress!, sx = sxBuffer.baseAddress!
                        let rowTaps = rows.taps, colTaps = cols.taps
                        /// `out(ox, :) = Σ_j wx_j · row(sx+j, :)` for every ox, over a row of the input's width
                        /// (unrolled for the common RGB and gray rows).
                        @inline(__always) func columns(_ row: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) {
                            switch c {
                            case 3:
                                for ox in 0..<ow {
                                    var p = row + sx[ox] &* 3, weights = wx + ox &* colTaps
                                    var (r, g, b) = (Float(0), Float(0), Float(0))
                                    for _ in 0..<colTaps {
                                        let weight = weights.pointee
                                        r += weight * p[0]; g += weight * p[1]; b += weight * p[2]
                                        p += 3; weights += 1
                                    }
                                    (out[3 &* ox], out[3 &* ox &+ 1], out[3 &* ox &+ 2]) = (r, g, b)
                                }
                            case 1:
                                for ox in 0..<ow {
                                    var p = row + sx[ox], weights = wx + ox &* colTaps
                                    var sum: Float = 0
                                    for _ in 0..<colTaps { sum += weights.pointee * p.pointee; p += 1; weights += 1 }
                                    out[ox] = sum
                                }
                            default:
                                for ox in 0..<ow {
                                    let o = out + ox &* c, base = row + sx[ox] &* c, weights = wx + ox &* colTaps
                                    let w0 = weights[0]
                                    for ch in 0..<c { o[ch] = w0 * base[ch] }
                                    for j in 1..<max(colTaps, 1) {
                                        let weight = weights[j], p = base + j &* c
                                        for ch in 0..<c { o[ch] += weight * p[ch] }
                                    }
                                }
                            }
                        }
                        WorkerPool.shared.run(threads: threads, tasks: n * oh) { task, worker in
                            let b = task / oh, oy = task % oh
                            let row = scratch.memory(worker).assumingMemoryBound(to: Float.self)
                            let first = x + (b * h + sy[oy]) * rowLength
                            let out = y + task * outLength
                            if rowsFirst {
                                let weight0 = wy[oy * rowTaps]
                                for k in 0..<rowLength { row[k] = weight0 * first[k] }
                                for i in 1..<max(rowTaps, 1) {
                                    let weight = wy[oy * rowTaps + i], source = first + i * rowLength
                                    for k in 0..<rowLength { row[k] += weight * source[k] }
                                }
                                columns(row, out)
                            } else if rowTaps == 2 && colTaps == 2 {
                                // Bilinear: all four taps of a pixel in one pass, no scratch row.
                                let (w0, w1) = (wy[oy &* 2], wy[oy &* 2 &+ 1])
                                let second = first + rowLength
                                for ox in 0..<ow {
                                    let a = wx[ox &* 2], b = wx[ox &* 2 &+ 1], offset = sx[ox] &* c
                                    let p = first + offset, q = second + offset, o = out + ox &* c
                                    for ch in 0..<c {
                                        o[ch] = w0 * (a * p[ch] + b * p[ch &+ c]) + w1 * (a * q[ch] + b * q[ch &+ c])
                                    }
                                }
                            } else {
                                columns(first, out)
                                let weight0 = wy[oy * rowTaps]
                                for k in 0..<outLength { out[k] *= weight0 }
                                for i in 1..<max(rowTaps, 1) {
                                    columns(first + i * rowLength, row)
                                    let weight = wy[oy * rowTaps + i]
                                    for k in 0..<outLength { out[k] += weight * row[k] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}
