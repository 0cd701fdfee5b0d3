import Foundation
import TestSupport
import Testing
@testable import Ops

/// Replays the inputs kept from fuzzing (`scripts/fuzz`) through the same entry points as the fuzz targets:
/// the minimised corpus of each run (`Reference/io/fuzz-corpus/FORMAT/`) and any input that ever crashed
/// (`Reference/io/fuzz/FORMAT-*`). Each must decode or fail with a one-line error.
@Suite struct FuzzRegressionTests {
    static func inputs(_ format: String) throws -> [URL] {
        let manager = FileManager.default
        let corpus = Reference.folder.appendingPathComponent("fuzz-corpus/\(format)")
        let crashes = Reference.folder.appendingPathComponent("fuzz")
        let kept = (try? manager.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)) ?? []
        let crashed = ((try? manager.contentsOfDirectory(at: crashes, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.lastPathComponent.hasPrefix(format + "-") }
        return (kept + crashed).sorted { $0.path < $1.path }
    }

    /// Load options from an input's last byte, as Fuzz/FuzzSupport.swift draws them.
    static func options(_ bytes: [UInt8]) -> LoadOptions {
        let b = bytes.last ?? 0
        let color: LoadOptions.Color = b & 3 == 1 ? .gray : b & 3 == 2 ? .rgb : .stored
        return LoadOptions(color: color, keepsAlpha: b & 4 != 0, fastDCT: b & 8 != 0, threads: 1)
    }

    @Test(arguments: ["jpeg", "png", "netpbm", "npy"])
    func keptInputsDecodeOrFailInOneLine(_ format: String) throws {
        let files = try FuzzRegressionTests.inputs(format)
        #expect(!files.isEmpty, "no kept inputs for \(format)")
        // The fuzzers ran with a 4-megapixel cap (so that headers claiming huge images were refused, not
        // allocated); replay with the same cap. Every other test's image is far below it.
        try withMaxPixels(1 << 22) {
            for file in files {
                let bytes = Array(try Data(contentsOf: file))
                let options = FuzzRegressionTests.options(bytes)
                do {
                    switch format {
                    case "jpeg": _ = try ImageToTensor.tensor(try JPEG.decode(bytes, options), options)
                    case "png": _ = try ImageToTensor.tensor(try PNG.decode(bytes), options)
                    case "netpbm": _ = try Netpbm.decode(bytes, options)
                    default: _ = try NPY.decode(bytes)
                    }
                } catch let error as OpError {
                    #expect(!error.message.isEmpty && !error.message.contains("\n"), "\(file.lastPathComponent)")
                }
            }
        }
    }
}
