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
    /// Per task: `row[0..<W·C] = Σ_i wy_i · x(start+i, 0..<W·C)` (contiguous, vectorised), then
    /// `out(ox, c) = Σ_j wx_j · row(start_x+j, c)`. The row pass reads `taps·W·C` floats, the column pass
    /// `OW·taps·C` from a row that stays in L1/L2 (a 1024-wide RGB row is 12 KiB).
    public static func resample(_ input: Tensor, rows: AxisWeights, cols: AxisWeights, threads: Int) throws -> Tensor {
        let (n, h, w, c) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let oh = rows.starts.count, ow = cols.starts.count
        var output = try Tensor(uninitializedShape: [n, oh, ow, c])
        guard output.count > 0 else { return output }
        let x = UnsafePointer(input.buffer.pointer)
        let y = try output.withUnsafeMutableBufferPointer { $0.baseAddress! }
        let rowLength = w * c
        let scratch = try Scratch(workers: min(threads, n * oh), perWorker: rowLength * MemoryLayout<Float>.stride)
        rows.weights.withUnsafeBufferPointer { wyBuffer in
            cols.weights.withUnsafeBufferPointer { wxBuffer in
                rows.starts.withUnsafeBufferPointer { syBuffer in
                    cols.starts.withUnsafeBufferPointer { sxBuffer in
                        let wy = wyBuffer.baseAddress!, wx = wxBuffer.baseAddress!
                        let sy = syBuffer.baseAddress!, sx = sxBuffer.baseAddress!
                        let rowTaps = rows.taps, colTaps = cols.taps
                        WorkerPool.shared.run(threads: threads, tasks: n * oh) { task, worker in
                            let b = task / oh, oy = task % oh
                            let row = scratch.memory(worker).assumingMemoryBound(to: Float.self)
                            let first = x + (b * h + sy[oy]) * rowLength
                            let weight0 = wy[oy * rowTaps]
                            for k in 0..<rowLength { row[k] = weight0 * first[k] }
                            for i in 1..<max(rowTaps, 1) {
                                let weight = wy[oy * rowTaps + i]
                                let source = first + i * rowLength
                                for k in 0..<rowLength { row[k] += weight * source[k] }
                            }
                            let out = y + task * ow * c
                            for ox in 0..<ow {
                                let o = out + ox * c
                                let base = row + sx[ox] * c
                                let weights = wx + ox * colTaps
                                for ch in 0..<c { o[ch] = weights[0] * base[ch] }
                                for j in 1..<max(colTaps, 1) {
                                    let weight = weights[j]
                                    let p = base + j * c
                                    for ch in 0..<c { o[ch] += weight * p[ch] }
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
