import Testing
@testable import Ops

/// `DepthwiseBank` (Keras' DepthwiseConv2D, depth multiplier m) equals `ConvReference` with the block-diagonal
/// filter bank `[kh,kw,C,C·m]` whose filter `c·m + j` reads channel c only, within float32 accumulation error.
@Suite struct DepthwiseBankTests {
    @Test func equalsTheBlockDiagonalBank() throws {
        let cases: [(input: [Int], kernel: [Int], padding: Padding, stride: Int, dilation: Int)] = [
            ([1, 9, 11, 4], [3, 3, 4, 1], .valid, 1, 1),
            ([2, 10, 7, 7], [3, 3, 7, 1], .same, 2, 1),
            ([1, 8, 13, 5], [5, 3, 5, 2], .same, 1, 2),
            ([1, 6, 6, 3], [2, 2, 3, 3], .same, 3, 1),
            ([1, 3, 4, 2], [3, 3, 2, 1], .same, 1, 1),
        ]
        for (i, c) in cases.enumerated() {
            var rng = SeededGenerator(seed: UInt64(970 + i))
            let x = try randomTensor(c.input, &rng), k = try randomTensor(c.kernel, &rng)
            let got = try DepthwiseBank.convolve(x, k, padding: c.padding, stride: (c.stride, c.stride),
                                                 dilation: (c.dilation, c.dilation), threads: 2)
            let bank = try blockDiagonal(k)
            let g = try ConvGeometry(input: c.input, kernel: bank.shape, padding: c.padding,
                                     stride: (c.stride, c.stride), dilation: (c.dilation, c.dilation))
            // Each output sums kh·kw products of the bank's C·kh·kw (the rest are exact zeros).
            let mismatch = try referenceMismatch(got, x, bank, g)
            #expect(mismatch == nil, "\(g.summary): \(mismatch ?? "")")
        }
    }

    /// A rank-3 image keeps its rank; a kernel for other channels is a one-line error.
    @Test func keepsRankAndRefusesAWrongKernel() throws {
        var rng = SeededGenerator(seed: 990)
        let x = try randomTensor([5, 6, 3], &rng)
        let y = try DepthwiseBank.convolve(x, try randomTensor([3, 3, 3, 2], &rng), padding: .same, stride: (1, 1),
                                           dilation: (1, 1), threads: 1)
        #expect(y.shape == [5, 6, 6])
        #expect(throws: OpError.self) {
            try DepthwiseBank.convolve(x, try randomTensor([3, 3, 4, 1], &rng), padding: .same, stride: (1, 1),
                                       dilation: (1, 1), threads: 1)
        }
    }

    /// `[kh,kw,C,m]` → `[kh,kw,C,C·m]`, zero except filter `c·m + j` on channel c.
    private func blockDiagonal(_ k: Tensor) throws -> Tensor {
        let (kh, kw, c, m) = (k.shape[0], k.shape[1], k.shape[2], k.shape[3])
        let source = k.scalars
        var values = [Float](repeating: 0, count: kh * kw * c * c * m)
        for tap in 0..<(kh * kw) { for ch in 0..<c { for j in 0..<m {
            values[(tap * c + ch) * c * m + ch * m + j] = source[(tap * c + ch) * m + j]
        } } }
        return try Tensor(shape: [kh, kw, c, c * m], values: values)
    }
}
