import Foundation
import Testing
import TestSupport

/// A large PGM/PPM is read straight into the tensor, never whole into memory first: convsh's peak RSS while
/// loading one (measured by GNU time, as `scripts/test-batch` does) is within a few MiB of its peak while loading
/// the same tensor from a `.npy`, which `load` reads straight into the tensor. Reading the file whole would add
/// the file's size (16 MiB for the P5 here, 33 MiB for the P6) and a copy of its samples.
@Suite struct NetpbmMemoryTests {
    /// What reading in bands may cost beyond the `.npy` load: the 1 MiB read buffer, one band's samples, noise.
    static let allowance = 6 << 20

    /// Peak RSS in bytes of `convsh -c STATEMENTS` run in `folder`.
    static func peakRSS(_ statements: String, in folder: TemporaryFolder) throws -> Int {
        let result = try Convsh.run(["-f", "peak %M", Products.convsh.path, "-c", statements], in: folder.url,
                                    executable: URL(fileURLWithPath: "/usr/bin/time"))
        #expect(result.status == 0, "\(statements): \(result.stderr)")
        let line = result.stderr.split(separator: "\n").last { $0.hasPrefix("peak ") }
        let kib = try #require(line.flatMap { Int($0.dropFirst(5)) }, "no peak in: \(result.stderr)")
        return kib * 1024
    }

    /// A raw Netpbm file of `width` x `height` x `channels` samples (`i % 251`), `wide` for 16-bit.
    static func netpbm(_ width: Int, _ height: Int, channels: Int, wide: Bool) -> Data {
        let count = width * height * channels
        var data = Data("P\(channels == 1 ? 5 : 6)\n\(width) \(height)\n\(wide ? 65535 : 255)\n".utf8)
        data.append(contentsOf: (0..<count * (wide ? 2 : 1)).map { UInt8(truncatingIfNeeded: $0 % 251) })
        return data
    }

    /// Under ASan (scripts/sanitize) freed memory waits in a quarantine of up to 256 MB, so peak RSS measures
    /// the quarantine, not the reader; SoakTests skips there for the same reason.
    static let underASan = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil

    @Test(.disabled(if: underASan, "peak RSS under ASan includes its quarantine of freed memory"),
          arguments: [("big.pgm", 4096, 4096, 1, false, ""), ("big.ppm", 2400, 2400, 3, true, " gray")])
    func largeFileIsReadWithoutAWholeFileBuffer(_ name: String, _ width: Int, _ height: Int, _ channels: Int,
                                                _ wide: Bool, _ option: String) throws {
        let folder = try TemporaryFolder("netpbm-rss")
        try Self.netpbm(width, height, channels: channels, wide: wide).write(to: folder.url.appendingPathComponent(name))
        let tensorBytes = width * height * 4
        _ = try Self.peakRSS("x = load \(name)\(option); save x same.npy", in: folder)
        let viaNPY = try Self.peakRSS("y = load same.npy", in: folder)
        let viaNetpbm = try Self.peakRSS("y = load \(name)\(option)", in: folder)
        // The measurement sees the tensor: a load that held nothing would not pass for a streaming one.
        #expect(viaNetpbm >= tensorBytes)
        #expect(viaNetpbm <= viaNPY + Self.allowance,
                "\(name): peak \(viaNetpbm >> 20) MiB against \(viaNPY >> 20) MiB for the same tensor from .npy")
    }
}
