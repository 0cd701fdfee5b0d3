import Foundation
import Ops

// convsh-bench: times ConvShell's kernels on the bench README's workloads, in this process.
//
//   convsh-bench [--threads N] [--isa avx512|avx2|generic] [--seconds S] W1 [W2 ...]
//
// Prints one JSON object per workload variant and line: median/min/p25/p75 ms over N timed calls after 3 warm-up
// calls (N = clamp(S / one call, 7, 60)), the median CPU time per call over all threads (well below threads ×
// wall time means other processes had the CPUs), the rate (GFLOP/s or GB/s), and the process's peak RSS with the
// part of it beyond the workload's own tensors. `scripts/bench` runs one process per workload so that figure is
// its own.

struct Options {
    var threads = WorkerPool.defaultThreads
    var isa = ISA.selected
    var seconds = 1.0
    var workloads: [String] = []
}

func parse(_ arguments: [String]) throws -> Options {
    var options = Options()
    var rest = arguments[...]
    while let word = rest.popFirst() {
        switch word {
        case "--threads":
            guard let n = rest.popFirst().flatMap(Int.init), n > 0 else { throw OpError("--threads needs N > 0") }
            options.threads = n
        case "--isa":
            guard let isa = rest.popFirst().flatMap(ISA.init(rawValue:)) else {
                throw OpError("--isa needs avx512|avx2|generic")
            }
            options.isa = isa
        case "--seconds":
            guard let s = rest.popFirst().flatMap(Double.init), s > 0 else { throw OpError("--seconds needs S > 0") }
            options.seconds = s
        default:
            options.workloads.append(word)
        }
    }
    if options.workloads.isEmpty { options.workloads = Workloads.ids }
    return options
}

/// Peak resident set of this process so far, in bytes.
func peakRSS() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024  // KiB on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss  // bytes on Darwin
    #endif
}

/// CPU time this process has used (all threads, user + system), in milliseconds.
func processCPU() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
}

/// Median and quartiles of timed calls in milliseconds, and the median CPU time per call (all threads).
func time(_ call: () throws -> Void, seconds: Double) throws -> (median: Double, min: Double, p25: Double,
                                                                  p75: Double, reps: Int, cpu: Double) {
    func once() throws -> (wall: Double, cpu: Double) {
        let cpu = processCPU()
        let start = DispatchTime.now().uptimeNanoseconds
        try call()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, processCPU() - cpu)
    }
    for _ in 0..<3 { _ = try once() }
    let first = try once().wall
    let reps = max(7, min(60, Int(seconds * 1000 / max(first, 1e-3))))
    let samples = try (0..<reps).map { _ in try once() }
    let times = samples.map(\.wall).sorted(), cpu = samples.map(\.cpu).sorted()
    return (times[reps / 2], times[0], times[reps / 4], times[(3 * reps) / 4], reps, cpu[reps / 2])
}

do {
    let options = try parse(Array(CommandLine.arguments.dropFirst()))
    for id in options.workloads {
        let baseline = peakRSS()
        let workload = try Workloads.make(id, threads: options.threads, isa: options.isa)
        for (variant, call) in workload.variants {
            let t = try time(call, seconds: options.seconds)
            let rate = workload.work / (t.median / 1000) / 1e9
            let extra = max(0, peakRSS() - baseline - workload.dataBytes)
            let fields: [String] = [
                "\"workload\":\"\(id)\"", "\"title\":\"\(workload.title)\"", "\"variant\":\"\(variant)\"",
                "\"threads\":\(options.threads)", "\"isa\":\"\(options.isa.rawValue)\"",
                "\"median_ms\":\(t.median)", "\"min_ms\":\(t.min)", "\"p25_ms\":\(t.p25)", "\"p75_ms\":\(t.p75)",
                "\"reps\":\(t.reps)", "\"cpu_ms\":\(t.cpu)", "\"unit\":\"\(workload.unit)\"", "\"rate\":\(rate)",
                "\"peak_rss_mib\":\(Double(peakRSS()) / 1_048_576)", "\"extra_mib\":\(Double(extra) / 1_048_576)",
            ]
            print("{" + fields.joined(separator: ",") + "}")
        }
    }
} catch let error as OpError {
    FileHandle.standardError.write(Data("convsh-bench: \(error.message)\n".utf8))
    exit(2)
}
