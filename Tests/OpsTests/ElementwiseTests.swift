import Testing
@testable import Ops

/// The vectorised, threaded relu and max pool against plain loops that follow their definitions.
@Suite struct ElementwiseTests {
    static let isas = ISA.supported

    /// `x <= 0 ? 0 : x` per element, as `tf.nn.relu`: NaN stays NaN, -0 becomes +0 (TF's vector path).
    static func plainRelu(_ values: [Float]) -> [Float] { values.map { $0 <= 0 ? 0 : $0 } }

    /// TensorFlow's MaxPool definition: the lowest float, then keep `x` when `x >= max`, over the in-image part
    /// of each window (the NaN/-∞ behaviour is pinned by TensorFlow's own outputs in `Reference/nonfinite`).
    static func plainMaxPool(_ x: Tensor, _ g: ConvGeometry) -> [Float] {
        var out: [Float] = []
        let v = x.scalars, c = g.inChannels
        for n in 0..<g.batch {
            for oy in 0..<g.outHeight {
                let y0 = oy * g.strideY - g.padTop
                for ox in 0..<g.outWidth {
                    let x0 = ox * g.strideX - g.padLeft
                    for ch in 0..<c {
                        var m = -Float.greatestFiniteMagnitude
                        for iy in max(y0, 0)..<min(y0 + g.kernelHeight, g.height) {
                            for ix in max(x0, 0)..<min(x0 + g.kernelWidth, g.width) {
                                let value = v[((n * g.height + iy) * g.width + ix) * c + ch]
                                if value >= m { m = value }
                            }
                        }
                        out.append(m)
                    }
                }
            }
        }
        return out
    }

    /// Lengths around the vector widths and the task size, special values included; shared input is left alone.
    @Test(arguments: isas)
    func reluMatchesDefinition(isa: ISA) throws {
        var rng = SeededGenerator(seed: 11)
        for count in [1, 3, 15, 16, 17, 63, 64, 65, 200, Activation.chunk + 37, 3 * Activation.chunk] {
            var values = (0..<count).map { _ in Float.random(in: -2..<2, using: &rng) }
            for (i, special) in [Float.nan, -0.0, .infinity, -.infinity, -Float.leastNonzeroMagnitude]
                .enumerated() where i < count { values[(i * 7919) % count] = special }
            let x = try Tensor(shape: [count], values: values)
            let expected = ElementwiseTests.plainRelu(values)
            for limits in [ScheduleLimits.standard, ScheduleLimits(streamingBytes: 0)] {  // cached and streamed
                let y = try Activation.relu(x, threads: 2, isa: isa, limits: limits)
                #expect(y.scalars.map(\.bitPattern) == expected.map(\.bitPattern), "\(isa) count \(count)")
            }
            #expect(x.scalars.map(\.bitPattern) == values.map(\.bitPattern), "input changed")
        }
    }

    /// A tensor nothing else holds is rewritten in place: same storage, right values.
    @Test(arguments: isas)
    func reluReusesUniqueStorage(isa: ISA) throws {
        var rng = SeededGenerator(seed: 12)
        let values = (0..<1000).map { _ in Float.random(in: -1..<1, using: &rng) }
        let x = try Tensor(shape: [10, 100], values: values)
        let storage = x.buffer.pointer
        let y = try Activation.relu(consume x, threads: 2, isa: isa)
        #expect(y.buffer.pointer == storage)
        #expect(y.scalars == ElementwiseTests.plainRelu(values))
        #expect(y.shape == [10, 100])
    }

    /// Random windows, strides, paddings and channel counts; NaN and ±∞ in the input.
    @Test(arguments: isas)
    func maxPoolMatchesDefinition(isa: ISA) throws {
        var rng = SeededGenerator(seed: 13)
        var checked = 0
        for index in 0..<60 {
            let c = [1, 3, 16, 17, 70][index % 5]
            let shape = [Int.random(in: 1...2, using: &rng), Int.random(in: 1...9, using: &rng),
                         Int.random(in: 1...13, using: &rng), c]
            var values = (0..<shape.reduce(1, *)).map { _ in Float.random(in: -1..<1, using: &rng) }
            if index % 4 == 0 {
                for special in [Float.nan, .infinity, -.infinity] {
                    values[Int.random(in: 0..<values.count, using: &rng)] = special
                }
            }
            let window = (Int.random(in: 1...4, using: &rng), Int.random(in: 1...4, using: &rng))
            let stride = (Int.random(in: 1...3, using: &rng), Int.random(in: 1...3, using: &rng))
            let padding: Padding = index % 2 == 0 ? .same : .valid
            guard let g = try? ConvGeometry(input: shape, kernel: [window.0, window.1], padding: padding,
                                            stride: stride) else { continue }
            let x = try Tensor(shape: shape, values: values)
            let got = try Pooling.maxPool(x, g, threads: 2, isa: isa).scalars
            let expected = ElementwiseTests.plainMaxPool(x, g)
            #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(isa) \(g.summary)")
            checked += 1
        }
        // Windows larger than a valid-padded input are skipped; they must stay the exception.
        #expect(checked >= 45, "only \(checked) of 60 random poolings were valid")
    }
}
