/// A strided view of a tensor copied into a new dense tensor, in one pass over the output.
///
/// Output element `(i0, …, ik)` is input element `offset + Σ i_j · strides[j]`. Output axes are collapsed where
/// the view steps across them as one axis (`strides[j] == strides[j+1] · shape[j+1]`), so the innermost run is as
/// long as possible: a `memcpy` when its stride is 1, a strided pick otherwise. Large copies are split over the
/// worker pool by rows, or a long row by pieces.
enum StridedCopy {
    static func copy(_ t: Tensor, offset: Int, shape: [Int], strides: [Int],
                     threads: Int = WorkerPool.defaultThreads) throws -> Tensor {
        var output = try Tensor(uninitializedShape: shape)
        guard output.count > 0 else { return output }
        var counts: [Int] = [], steps: [Int] = []
        for (n, s) in zip(shape, strides) where n != 1 {
            if let last = steps.last, last == s * n {
                steps[steps.count - 1] = s
                counts[counts.count - 1] *= n
            } else {
                steps.append(s)
                counts.append(n)
            }
        }
        if steps.isEmpty { (steps, counts) = ([1], [1]) }
        let last = steps.count - 1, run = counts[last], inner = steps[last]
        let rows = counts.dropLast().reduce(1, *)
        // Tasks of about 64 KiB of output: several short rows each, or a piece of one long row (`x[..., 3]` of an
        // image is a single run of H·W picks, which would otherwise run on one thread).
        let target = 16 * 1024
        let piecesPerRow = (run + target - 1) / target
        let piece = (run + piecesPerRow - 1) / piecesPerRow
        let rowsPerTask = piecesPerRow > 1 ? 1 : max(1, target / max(run, 1))
        let tasks = piecesPerRow > 1 ? rows * piecesPerRow : (rows + rowsPerTask - 1) / rowsPerTask
        try output.withUnsafeMutableBufferPointer { out in
            t.withUnsafeBufferPointer { source in
                nonisolated(unsafe) let from = source.baseAddress! + offset, to = out.baseAddress!
                WorkerPool.shared.run(threads: threads, tasks: tasks) { task, _ in
                    let firstRow = piecesPerRow > 1 ? task / piecesPerRow : task * rowsPerTask
                    let endRow = min(firstRow + rowsPerTask, rows)
                    let pieceStart = piecesPerRow > 1 ? task % piecesPerRow * piece : 0
                    let pieceEnd = min(pieceStart + piece, run)
                    // Input offset of `firstRow`.
                    var coordinates = [Int](repeating: 0, count: last)
                    var rest = firstRow, at = 0
                    for axis in stride(from: last - 1, through: 0, by: -1) {
                        coordinates[axis] = rest % counts[axis]
                        rest /= counts[axis]
                        at += coordinates[axis] * steps[axis]
                    }
                    for row in firstRow..<endRow {
                        let source = from + at + pieceStart * inner, destination = to + row * run + pieceStart
                        let count = pieceEnd - pieceStart
                        if inner == 1 {
                            destination.update(from: source, count: count)
                        } else {
                            for j in 0..<count { destination[j] = source[j * inner] }
                        }
                        var axis = last - 1
                        while axis >= 0 {
                            coordinates[axis] += 1
                            at += steps[axis]
                            if coordinates[axis] < counts[axis] { break }
                            at -= counts[axis] * steps[axis]
                            coordinates[axis] = 0
                            axis -= 1
                        }
                    }
                }
            }
        }
        return output
    }
}
