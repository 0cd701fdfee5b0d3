/// How each leaf of a fused expression is read along the output's row-major order.
///
/// The output shape is collapsed first: size-1 axes go, and neighbouring axes merge wherever every leaf is
/// contiguous across them (`[300,451,3] + [3]` becomes `[135300,3]` with strides `[3,1]` and `[0,1]`). A leaf of
/// the output's own size is read in place; any other leaf is gathered tile by tile: runs along the last
/// collapsed axis are copied (stride 1), filled (stride 0, a stretched axis) or picked (any other stride).
struct BroadcastLayout: Sendable {
    /// The collapsed output shape (at least one axis).
    let shape: [Int]
    /// Per leaf, its element strides along `shape`.
    let strides: [[Int]]
    /// Per leaf: true when it must be gathered (it broadcasts), false when it is read in place.
    let gathers: [Bool]

    init(shape output: [Int], leaves: [[Int]]) {
        let count = output.reduce(1, *)
        let axes = output.indices.filter { output[$0] != 1 }
        let full = leaves.map { Broadcast.strides(of: $0, in: output) }
        var shape = axes.map { output[$0] }
        var strides = full.map { s in axes.map { s[$0] } }
        // Merge axis i into i+1 when every leaf steps across them as one axis.
        var i = shape.count - 2
        while i >= 0 {
            if strides.allSatisfy({ $0[i] == $0[i + 1] * shape[i + 1] }) {
                shape[i + 1] *= shape[i]
                shape.remove(at: i)
                for l in strides.indices { strides[l].remove(at: i) }
            }
            i -= 1
        }
        if shape.isEmpty {
            shape = [1]
            strides = strides.map { _ in [0] }
        }
        self.shape = shape
        self.strides = strides
        self.gathers = leaves.map { $0.reduce(1, *) != count }
    }

    /// Writes elements `start ..< start + count` (output order) of leaf `leaf` (at `source`) to `block`.
    func gather(_ leaf: Int, _ source: UnsafePointer<Float>, from start: Int, count: Int,
                into block: UnsafeMutablePointer<Float>) {
        let strides = self.strides[leaf]
        let last = shape.count - 1
        let inner = strides[last], length = shape[last]
        // Coordinates of `start` and the source offset they give.
        var coordinates = [Int](repeating: 0, count: shape.count)
        var rest = start, offset = 0
        for axis in stride(from: last, through: 0, by: -1) {
            coordinates[axis] = rest % shape[axis]
            rest /= shape[axis]
            offset += coordinates[axis] * strides[axis]
        }
        var written = 0
        while written < count {
            let run = min(length - coordinates[last], count - written)
            let from = source + offset, to = block + written
            switch inner {
            case 0: to.update(repeating: from.pointee, count: run)
            case 1: to.update(from: from, count: run)
            default: for j in 0..<run { to[j] = from[j * inner] }
            }
            written += run
            // Next run: the last axis back to 0, carrying into the axes before it.
            offset -= coordinates[last] * inner
            coordinates[last] = 0
            var axis = last - 1
            while axis >= 0 {
                coordinates[axis] += 1
                offset += strides[axis]
                if coordinates[axis] < shape[axis] { break }
                offset -= shape[axis] * strides[axis]
                coordinates[axis] = 0
                axis -= 1
            }
        }
    }
}
