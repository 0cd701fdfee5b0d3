import Testing
import TestSupport
@testable import Ops

/// Netpbm decoding against the spec's `x / maxval`, computed by NumPy, and round trips.
@Suite struct NetpbmTests {
    @Test(arguments: Reference.files("netpbm"))
    func decodesToSamplesOverMaxval(_ file: String) throws {
        let stem = file.split(separator: ".")[0]
        expectIdentical(try load(Reference.path(file)), try Reference.tensor(stem + ".f32.npy"), file)
    }

    @Test func rgbAndGrayOptions() throws {
        let gray = try load(Reference.path("netpbm_p5.pgm"))
        let rgb = try load(Reference.path("netpbm_p5.pgm"), "rgb")
        #expect(rgb.shape == [6, 9, 3])
        #expect(rgb[2, 3, 0] == gray[2, 3, 0] && rgb[2, 3, 2] == gray[2, 3, 0])
        let color = try load(Reference.path("netpbm_p6.ppm"))
        let luma = try load(Reference.path("netpbm_p6.ppm"), "gray")
        let w = ImageToTensor.lumaWeights
        #expect(luma[1, 2, 0] == color[1, 2, 0] * w.r + color[1, 2, 1] * w.g + color[1, 2, 2] * w.b)
    }

    @Test(arguments: ["pgm", "ppm"], [8, 16])
    func roundTripsThroughAFile(_ ext: String, _ bits: Int) throws {
        let source = ext == "pgm" ? (bits == 8 ? "netpbm_p5.pgm" : "netpbm_p5_16.pgm") : "netpbm_p6.ppm"
        let x = try load(Reference.path(source))
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent("out.\(ext)").path
        try run("save", [.word("x"), .quoted(path)], options: [("bits", .number(Double(bits)))], tensors: ["x": x])
        let bytes = try FileFormat.read(path)
        #expect(bytes.starts(with: Array((ext == "pgm" ? "P5\n" : "P6\n").utf8)))
        #expect(String(decoding: bytes.prefix(20), as: UTF8.self).contains(bits == 8 ? "\n255\n" : "\n65535\n"))
        if bits == 8 || source.hasSuffix("_16.pgm") {
            expectIdentical(try load(path), x, "\(source) as \(bits)-bit .\(ext)")
        }
    }

    @Test func grayMapSavedAsPPMRepeatsItsChannel() throws {
        let x = try load(Reference.path("netpbm_p5.pgm"))
        let folder = try TemporaryFolder("io")
        let path = folder.url.appendingPathComponent("gray.ppm").path
        try run("save", [.word("x"), .quoted(path)], tensors: ["x": x])
        let back = try load(path)
        #expect(back.shape == [6, 9, 3])
        let triples = back.scalars
        #expect((0..<x.count).allSatisfy { i in (0..<3).allSatisfy { triples[i * 3 + $0] == x.scalars[i] } })
    }

    @Test func plainFileWithCommentsInsideTheRaster() throws {
        let bytes = Array("P2\n3 2\n# c\n9\n0 1 2 # row one\n3\n#x\n 4 9\n".utf8)
        let x = try TensorFile.decode(bytes)
        #expect(x.shape == [2, 3, 1])
        #expect(x.scalars == [0, 1, 2, 3, 4, 9].map { Float($0) * Float(1.0 / 9.0) })
    }
}
