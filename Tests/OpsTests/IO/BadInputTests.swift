import Foundation
import Testing
import TestSupport
@testable import Ops

/// Bad files give one line naming the file and the reason, never a crash and never a tensor.
@Suite struct BadInputTests {
    /// Writes `bytes` to a file called `name` in a fresh folder and loads it; returns the error message.
    static func failure(_ bytes: [UInt8], name: String = "bad.bin") throws -> String {
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let message = errorMessage { try run("load", [.quoted(path)]) }
        #expect(message.hasPrefix("load: \(path): "), "\(message)")
        #expect(!message.contains("\n"), "one line: \(message)")
        return String(message.dropFirst("load: \(path): ".count))
    }

    static let samples = ["jpeg_420.jpg", "jpeg_progressive.jpg", "png_rgba16.png", "png_rgb8_interlaced.png",
                          "netpbm_p6.ppm", "netpbm_p2.pgm", "npy_f4.npy", "npy_v2.npy"]

    @Test(arguments: samples)
    func truncatedFilesAreRefusedAtEveryLength(_ file: String) throws {
        let bytes = try Reference.bytes(file)
        // Every cut in the first 64 bytes (headers), then a spread of cuts through the data.
        var cuts = Array(1..<min(64, bytes.count)) + stride(from: 64, to: bytes.count - 1, by: max(1, bytes.count / 23))
        if file.hasPrefix("netpbm_p2") {
            // A plain file cut inside its last number still holds a valid number there: the spec cannot tell.
            let lastNumber = bytes.dropLast().lastIndex { $0 == 0x20 || $0 == 0x0A }!
            cuts = cuts.filter { $0 <= lastNumber }
        }
        for cut in cuts {
            let part = Array(bytes.prefix(cut))
            do {
                _ = try TensorFile.decode(part)
                Issue.record("\(file) cut at \(cut) of \(bytes.count) bytes loaded")
            } catch let error as OpError {
                #expect(!error.message.isEmpty && !error.message.contains("\n"))
            }
        }
    }

    @Test func truncationIsNamed() throws {
        let jpeg = try Reference.bytes("jpeg_420.jpg")
        expectMessage(try Self.failure(Array(jpeg.prefix(jpeg.count - 300))), startsWith: "truncated JPEG data")
        let png = try Reference.bytes("png_rgb8.png")
        expectMessage(try Self.failure(Array(png.prefix(png.count - 40))), is: "corrupt PNG data: file is truncated")
        let ppm = try Reference.bytes("netpbm_p6.ppm")
        expectMessage(try Self.failure(Array(ppm.prefix(ppm.count - 1))), startsWith: "truncated Netpbm data")
        let npy = try Reference.bytes("npy_f4.npy")
        expectMessage(try Self.failure(Array(npy.prefix(npy.count - 1))), startsWith: "truncated .npy data")
    }

    @Test func missingFileAndFolder() throws {
        let folder = try TemporaryFolder("io")
        let missing = folder.url.appendingPathComponent("nope.png").path
        #expect(errorMessage { try load(missing) } == "load: \(missing): no such file")
        #expect(errorMessage { try load(folder.path) } == "load: \(folder.path) is a folder")
        #expect(errorMessage { try load(missing, "gray", "rgb") } == "load: argument 2 (gray|rgb): choose one of gray|rgb, got 'gray' and 'rgb'")
        #expect(errorMessage { try load(missing, "grey") }.hasPrefix("load: argument 2 (gray|rgb): expected gray|rgb, got 'grey'; did you mean gray?"))
    }

    @Test func emptyFile() throws {
        expectMessage(try Self.failure([]), is: "the file is empty")
    }

    @Test func unknownContentSaysWhatItIs() throws {
        expectMessage(try Self.failure(Array("GIF89a\u{1}\u{0}".utf8), name: "x.png"),
            is: "it is a GIF image, which load does not read")
        expectMessage(try Self.failure(Array("hello, world\n".utf8), name: "x.jpg"),
            is: "it is text, not an image or array")
        expectMessage(try Self.failure([0x00, 0x01, 0xFE, 0x80, 0x00]),
            is: "unrecognised content (not JPEG, PNG, PGM/PPM or NPY)")
        expectMessage(try Self.failure(Array("P4\n2 2\n".utf8) + [0, 0]), startsWith: "a PBM bitmap (P1/P4)")
    }

    @Test func wrongExtensionStillLoads() throws {
        let folder = try TemporaryFolder("io")
        for (file, name) in [("png_rgb8.png", "photo.jpg"), ("jpeg_420.jpg", "photo.png"), ("npy_f4.npy", "a.pgm"),
                             ("netpbm_p5.pgm", "b.npy")] {
            let path = folder.url.appendingPathComponent(name).path
            try Data(try Reference.bytes(file)).write(to: URL(fileURLWithPath: path))
            expectIdentical(try load(path), try load(Reference.path(file)), "\(file) named \(name)")
        }
    }

    @Test func corruptDataIsRefused() throws {
        var png = try Reference.bytes("png_rgb8.png")
        let idat = png.indices.first { png[$0..<($0 + 4)] == ArraySlice("IDAT".utf8) }!
        png[idat + 10] ^= 0xFF
        expectMessage(try Self.failure(png), startsWith: "corrupt PNG data: IDAT: ")

        var jpeg = try Reference.bytes("jpeg_420.jpg")
        let sof = jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 }!
        jpeg[sof + 9] = 0  // no components
        expectMessage(try Self.failure(jpeg), startsWith: "not a valid JPEG: ")

        expectMessage(try Self.failure(Array("P2 2 1 10\n3 11\n".utf8)),
            is: "corrupt Netpbm data: sample 11 exceeds maxval 10")
        expectMessage(try Self.failure(Array("P5 2 1 10\n".utf8) + [3, 11]),
            is: "corrupt Netpbm data: sample 11 exceeds maxval 10")
        expectMessage(try Self.failure(Array("P2 2 1 10\n3 x\n".utf8)),
            is: "corrupt Netpbm data: sample 2 is not a number")
    }

    @Test func badHeadersAreRefused() throws {
        expectMessage(try Self.failure(Array("P5 0 4 255\n".utf8)), is: "bad Netpbm header: size 0 x 4")
        expectMessage(try Self.failure(Array("P5 4 4 70000\n".utf8)),
            is: "bad Netpbm header: maxval 70000 is not in 1...65535")
        expectMessage(try Self.failure(Array("P6 4 four 255\n".utf8)), is: "bad Netpbm header: height is not a number")
        expectMessage(try Self.failure(Array("P5 4 4 255".utf8)), is: "truncated Netpbm data (no samples)")
        // Found by fuzzing: digits enough to overflow the size in bytes once crashed the cap's message.
        expectMessage(try Self.failure(Array("P5 33333333333333333333333 2 255\n".utf8)),
                      is: "bad Netpbm header: width is over 2147483647")
        let message = errorMessage { try Limits.checkImage(width: 1 << 40, height: 1 << 40, channels: 3) }
        #expect(message.contains("over the cap"), "\(message)")
        let npy = [0x93] + Array("NUMPY".utf8) + [1, 0, 20, 0] + Array("{'descr': '<f4'}    ".utf8)
        expectMessage(try Self.failure(npy), is: "malformed .npy header: no 'fortran_order'")
        var version = try Reference.bytes("npy_f4.npy")
        version[6] = 9
        expectMessage(try Self.failure(version), is: "unsupported .npy version 9.0")
        let png = try Reference.bytes("png_gray8.png")
        expectMessage(try Self.failure(Array(png.prefix(8)) + [0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0]),
                      startsWith: "not a valid PNG: ")
    }

    @Test(arguments: ["huge.jpg", "huge.png", "huge.pgm", "huge.npy"])
    func oversizedHeadersAreRefusedBeforeAllocating(_ file: String) throws {
        // 60000 x 60000 would need 13-40 GiB; the refusal comes from the header, with no allocation.
        let message = errorMessage { try load(Reference.path(file)) }
        #expect(message.contains("60000"), "\(message)")
        #expect(message.contains("raise it with 'set max_pixels N'"), "\(message)")
    }

    @Test func randomBytesNeverCrash() throws {
        var generator = SplitMix64(seed: 42)  // seeded, so the random inputs are the same on every run
        let magics: [[UInt8]] = [[], JPEG.magic, PNG.magic, NPY.magic + [1, 0], Array("P5 ".utf8), Array("P3\n".utf8)]
        for round in 0..<600 {
            let length = Int(generator.next() % 300)
            let tail = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let bytes = magics[round % magics.count] + tail
            do {
                _ = try TensorFile.decode(bytes)
            } catch let error as OpError {
                #expect(!error.message.contains("\n"))
            }
        }
    }
}

/// Expects an error message to equal `expected`, or to start with `prefix`, printing it when it does not.
func expectMessage(_ message: String, is expected: String? = nil, startsWith prefix: String? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    let ok = expected.map { message == $0 } ?? prefix.map { message.hasPrefix($0) } ?? false
    #expect(ok, "got: \(message)", sourceLocation: sourceLocation)
}
