/// The plain convolution loop: the specification of `conv2d` and the oracle every fast path is tested against.
///
/// Follows `ConvGeometry`'s formula literally, one output element at a time, accumulating in Double.
/// Input `[N,H,W,Cin]`, kernel `[kh,kw,Cin,Cout]` or `[kh,kw]` (depthwise), output `geometry.outputShape`.
public enum ConvReference {
    public static func convolve(_ input: Tensor, _ kernel: Tensor, _ g: ConvGeometry) throws -> Tensor {
        var output = try Tensor(uninitializedShape: g.outputShape)
        let x = input.buffer.pointer, k = kernel.buffer.pointer
        try output.withUnsafeMutableBufferPointer { out in
            var index = 0
            for n in 0..<g.batch {
                for oy in 0..<g.outHeight {
                    for ox in 0..<g.outWidth {
                        for co in 0..<g.outChannels {
                            var sum = 0.0
                            for ky in 0..<g.kernelHeight {
                                guard let iy = g.border.source(oy * g.strideY + ky * g.dilationY - g.padTop,
                                                               g.height) else { continue }
                                for kx in 0..<g.kernelWidth {
                                    guard let ix = g.border.source(ox * g.strideX + kx * g.dilationX - g.padLeft,
                                                                   g.width) else { continue }
                                    let pixel = ((n * g.height + iy) * g.width + ix) * g.inChannels
                                    if g.depthwise {
                                        sum += Double(x[pixel + co]) * Double(k[ky * g.kernelWidth + kx])
                                    } else {
                                        let tap = (ky * g.kernelWidth + kx) * g.inChannels * g.outChannels + co
                                        for ci in 0..<g.inChannels {
                                            sum += Double(x[pixel + ci]) * Double(k[tap + ci * g.outChannels])
                                        }
                                    }
                                }
                            }
                            let value = Float(sum)
                            out[index] = g.relu && value <= 0 ? 0 : value  // NaN stays NaN, -0 becomes +0
                            index += 1
                        }
                    }
                }
            }
        }
        return output
    }
}
