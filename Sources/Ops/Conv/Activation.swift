import ConvKernels

/// Element-wise activations, vectorised and threaded.
public enum Activation {
    /// Floats per task: 256 KiB, small enough to balance two threads on small tensors, large enough that a task
    /// streams memory for a few microseconds.
    static let chunk = 64 * 1024

    /// `max(0, x)` element-wise, as `tf.nn.relu` (NaN stays NaN), on up to `threads` threads.
    ///
    /// Writes into `x`'s own storage when no other tensor shares it (`d = relu f` after `f` is dropped), or when
    /// `overwrite` says the other holders are transient copies nobody reads again (`x = relu x`), so the pass costs
    /// one read and one write of each element and no allocation; otherwise makes a new tensor, which a large
    /// result fills with non-temporal stores (`ScheduleLimits.streamingBytes`).
    public static func relu(_ x: consuming Tensor, threads: Int, isa: ISA = .selected,
                            overwrite: Bool = false) throws -> Tensor {
        try relu(x, threads: threads, isa: isa, limits: .standard, overwrite: overwrite)
    }

    /// `relu` with the streaming threshold set (tests lower it).
    static func relu(_ x: consuming Tensor, threads: Int, isa: ISA, limits: ScheduleLimits,
                     overwrite: Bool = false) throws -> Tensor {
        guard ISA.supported.contains(isa) else { throw OpError("this CPU cannot run the \(isa.rawValue) kernels") }
        var output = consume x
        output.origin = nil
        let source = UnsafePointer(output.buffer.pointer)
        let inPlace = overwrite || output.isUniquelyReferenced()
        if !inPlace { output = try Tensor(uninitializedShape: output.shape) }
        let count = output.count
        let destination = output.buffer.pointer
        let kernels = isa.kernels
        // Chunks start 64-byte aligned (tensors are, and `chunk` is a multiple of 16), as streaming needs.
        let stream = !inPlace && limits.streams(count)
        WorkerPool.shared.run(threads: threads, tasks: (count + chunk - 1) / chunk) { task, _ in
            let start = task * chunk
            kernels.relu(source + start, destination + start, min(chunk, count - start), stream)
        }
        return output
    }
}
