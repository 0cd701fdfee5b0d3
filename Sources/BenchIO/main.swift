// Times ConvShell's image I/O on the files scripts/bench-io prepares; prints one "name milliseconds" line per
// measurement (the best of N runs), for scripts/bench-io to set beside TensorFlow's figures.
//   BenchIO JPEG_FILE MAP_NPY RUNS
import Foundation
import Ops

func best(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.min()!
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let runs = Int(arguments[3]) else {
    FileHandle.standardError.write("usage: BenchIO JPEG_FILE MAP_NPY RUNS\n".data(using: .utf8)!)
    exit(2)
}
let jpeg = try FileFormat.read(arguments[1])
let map = try TensorFile.decode(try FileFormat.read(arguments[2]))
let cores = ProcessInfo.processInfo.activeProcessorCount

for threads in Set([1, cores]).sorted() {
    for fast in [false, true] {
        let options = LoadOptions(fastDCT: fast, threads: threads)
        var shape: [Int] = []
        let ms = try best(runs) { shape = try TensorFile.decode(jpeg, options).shape }
        print(String(format: "jpeg_decode_f32_%@_t%d %.2f %@", fast ? "fast" : "accurate", threads, ms,
                     Tensor.describe(shape)))
    }
}
var size = 0
let ms = try best(runs) { size = try TensorFile.encode(map, as: .png, path: "map.png", SaveOptions()).count }
print(String(format: "png_encode_f32 %.2f %@ %d", ms, Tensor.describe(map.shape), size))
let magma = SaveOptions(colormap: ColorMap.named("magma"))
let cmapMs = try best(runs) { size = try TensorFile.encode(map, as: .png, path: "map.png", magma).count }
print(String(format: "png_encode_magma %.2f %@ %d", cmapMs, Tensor.describe(map.shape), size))
