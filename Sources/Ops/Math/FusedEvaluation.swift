import CKernelSupport
import ConvKernels

/// Runs a `FusedProgram` over its output in one threaded pass of tiles (numexpr's blocks, Halide's fused loops).
///
/// Loop nest: tasks of `taskSize` output elements go to the worker pool; a task walks its tiles of `tile`
/// elements; per tile each step runs over `count` floats of 1–3 slots into a slot. A tensor leaf of the output's
/// own size is read in place (its slot points into it); a leaf that broadcasts is first gathered into a
/// per-worker block (`BroadcastLayout.gather`). Registers, gathered leaves and constants are per-worker blocks
/// of `tile` floats: with a handful of them a tile's working set stays in L1 (2 KiB each), so main memory sees
/// one read of each input and one write of the output. The last step writes straight into the output, with
/// non-temporal stores when it is large (`ScheduleLimits.streamingBytes`), and the inputs of the tiles
/// `prefetchDistance` ahead are prefetched while a tile's steps run; the task fences its streamed stores once,
/// at its end.
extension FusedProgram {
    /// Floats per tile (one register block: 2 KiB). Measured on Zen 5 at 4096x4096x8: 512 floats ran
    /// `where(x > 0.5, x*2 - 1, 0)` 10-20% faster than 768, 1024 or 2048, whose blocks (with the constants' and
    /// the prefetched tiles') crowd a 48 KiB L1.
    static let tile = 512
    /// Floats per worker-pool task: 64 tiles, 128 KiB of output.
    static let taskSize = 32 * 1024

    /// Tiles ahead whose inputs are prefetched: a tile's steps run in L1 with the memory bus idle unless the next
    /// tiles' loads are already under way (the hardware prefetcher alone runs only a few lines ahead).
    static let prefetchDistance = 2

    /// Prefetches the tile of input that starts at `start`, stopping at `end`.
    @inline(__always)
    static func prefetch(_ start: UnsafePointer<Float>, upTo end: UnsafePointer<Float>) {
        var line = start
        let stop = min(start + tile, end)
        while line < stop {
            ckernel_prefetch(line)
            line += 16
        }
    }

    func run(threads: Int, isa: ISA, limits: ScheduleLimits = .standard) throws -> Tensor {
        guard ISA.supported.contains(isa) else { throw OpError("this CPU cannot run the \(isa.rawValue) kernels") }
        let output = try Tensor(uninitializedShape: shape)
        let count = output.count
        guard count > 0 else { return output }
        let layout = BroadcastLayout(shape: shape, leaves: leaves.map(\.shape))
        let tile = FusedProgram.tile
        let tasks = (count + FusedProgram.taskSize - 1) / FusedProgram.taskSize
        let workers = min(max(threads, 1), tasks)
        let stream = limits.streams(count)
        // Per worker: the slot table, then blocks for gathered leaves, constants and registers.
        let gathered = layout.gathers.filter { $0 }.count
        let blocksPerWorker = gathered + constants.count + registers
        let scratch = try TensorBuffer(uninitializedCount: workers * blocksPerWorker * tile)
        // Each worker's table on cache lines of its own: the tables are rewritten every tile, and two workers
        // writing one line would pass it between their cores on every tile.
        let tableStride = (slotCount + 7) / 8 * 8 + 8
        let slotTables = UnsafeMutablePointer<UnsafeMutablePointer<Float>>.allocate(capacity: workers * tableStride)
        defer { slotTables.deallocate() }
        for w in 0..<workers {
            var block = scratch.pointer + w * blocksPerWorker * tile
            let slots = slotTables + w * tableStride
            for (i, leaf) in leaves.enumerated() {
                slots[i] = layout.gathers[i] ? block : leaf.buffer.pointer
                if layout.gathers[i] { block += tile }
            }
            for (i, c) in constants.enumerated() {
                block.initialize(repeating: c, count: tile)
                slots[leaves.count + i] = block
                block += tile
            }
            for r in 0..<registers {
                slots[leaves.count + constants.count + r] = block
                block += tile
            }
        }
        let kernel = isa.kernels.elementwise
        let destination = output.buffer.pointer
        let sources = leaves.map { UnsafePointer($0.buffer.pointer) }
        nonisolated(unsafe) let tables = slotTables
        steps.withUnsafeBufferPointer { steps in
            nonisolated(unsafe) let steps = steps
            WorkerPool.shared.run(threads: workers, tasks: tasks) { task, worker in
                let slots = tables + worker * tableStride
                var start = task * FusedProgram.taskSize
                let end = min(start + FusedProgram.taskSize, count)
                while start < end {
                    let n = min(tile, end - start)
                    for i in 0..<sources.count where !layout.gathers[i] {
                        FusedProgram.prefetch(sources[i] + start + FusedProgram.prefetchDistance * tile,
                                              upTo: sources[i] + count)
                    }
                    for i in 0..<sources.count {
                        if layout.gathers[i] {
                            layout.gather(i, sources[i], from: start, count: n, into: slots[i])
                        } else {
                            slots[i] = UnsafeMutablePointer(mutating: sources[i] + start)
                        }
                    }
                    slots[Int(outputSlot)] = destination + start
                    var args = ElementwiseArgs(steps: steps.baseAddress!, stepCount: steps.count,
                                               slots: UnsafePointer(slots), count: n, streamsResult: stream)
                    kernel(&args)
                    start += n
                }
                if stream { ckernel_stream_fence() }  // this task's streamed stores, before the pool reports it done
            }
        }
        withExtendedLifetime(scratch) {}
        return output
    }
}
