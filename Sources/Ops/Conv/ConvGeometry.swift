/// How out-of-image pixels are filled when a conv reads past the border.
public enum Border: String, Sendable, CaseIterable {
    /// Zeros, as TensorFlow pads.
    case zero
    /// Mirror with the edge pixel repeated, `d c b a | a b c d | d c b a` (SciPy `reflect`, NumPy `symmetric`).
    case reflect
    /// The edge pixel repeated, `a a a a | a b c d | d d d d` (SciPy `nearest`).
    case replicate
    /// Periodic, `a b c d | a b c d | a b c d` (SciPy `wrap`).
    case wrap

    /// The in-image index that out-of-range index `i` reads on an axis of length `n`, or nil for zero padding.
    ///
    /// Works for any distance past the edge, so padding wider than the image is well defined.
    @inline(__always)
    public func source(_ i: Int, _ n: Int) -> Int? {
        if i >= 0 && i < n { return i }
        switch self {
        case .zero: return nil
        case .replicate: return i < 0 ? 0 : n - 1
        case .wrap: return ((i % n) + n) % n
        case .reflect:
            let period = 2 * n
            let m = ((i % period) + period) % period
            return m < n ? m : period - 1 - m
        }
    }
}

/// TensorFlow's two padding schemes.
public enum Padding: String, Sendable {
    case same, valid
}

/// Every size and offset of one 2-D convolution, resolved once before any arithmetic.
///
/// Input `[N,H,W,Cin]`; kernel `[kh,kw,Cin,Cout]`, or `[kh,kw]` applied to every channel (depthwise,
/// `Cout = Cin`). With stride `s` and dilation `d` per axis, the effective kernel extent is `e = (k-1)·d + 1` and
///
///     valid:  OH = ⌊(H - e) / s⌋ + 1,   pad = 0
///     same:   OH = ⌈H / s⌉,  padTotal = max((OH-1)·s + e - H, 0),  top = ⌊padTotal/2⌋, bottom = the rest
///
/// (TensorFlow's split: the odd pixel goes bottom/right). Output `(n, oy, ox, co)` sums, over `ky, kx, ci`,
/// `input(n, oy·sy + ky·dy - top, ox·sx + kx·dx - left, ci) · kernel(ky, kx, ci, co)`, where an input coordinate
/// outside the image reads the `border` fill.
public struct ConvGeometry: Sendable, Equatable {
    public var batch, height, width, inChannels: Int
    public var kernelHeight, kernelWidth, outChannels: Int
    /// True for a 2-D kernel filtering each input channel separately.
    public var depthwise: Bool
    public var strideY, strideX, dilationY, dilationX: Int
    public var padTop, padBottom, padLeft, padRight: Int
    public var outHeight, outWidth: Int
    public var border: Border
    /// Apply `max(0, x)` to every output as it is stored.
    public var relu: Bool

    /// Resolves a conv of `input` `[N,H,W,C]` with `kernel` shape `[kh,kw]` or `[kh,kw,Cin,Cout]`.
    /// Throws, naming both shapes, when they do not fit together; messages show `given` (the input's shape as the
    /// user gave it, `[H,W,C]` for an image) rather than the batch view.
    public init(input: [Int], kernel: [Int], padding: Padding, stride: (Int, Int) = (1, 1),
                dilation: (Int, Int) = (1, 1), border: Border = .zero, relu: Bool = false,
                given: [Int]? = nil) throws {
        guard input.count == 4 else { throw OpError("input must be [N,H,W,C], got \(Tensor.describe(input))") }
        let shown = Tensor.describe(given ?? input)
        (batch, height, width, inChannels) = (input[0], input[1], input[2], input[3])
        switch kernel.count {
        case 2:
            (kernelHeight, kernelWidth, outChannels, depthwise) = (kernel[0], kernel[1], inChannels, true)
        case 4:
            guard kernel[2] == inChannels else {
                throw OpError("kernel \(Tensor.describe(kernel)) expects \(kernel[2]) input channel(s), but the "
                    + "input \(shown) has \(inChannels)")
            }
            (kernelHeight, kernelWidth, outChannels, depthwise) = (kernel[0], kernel[1], kernel[3], false)
        default:
            throw OpError("kernel must be [kh,kw] or [kh,kw,Cin,Cout], got \(Tensor.describe(kernel))")
        }
        guard kernelHeight > 0, kernelWidth > 0, outChannels > 0, inChannels > 0 else {
            throw OpError("empty kernel \(Tensor.describe(kernel)) or input \(shown)")
        }
        (strideY, strideX, dilationY, dilationX) = (stride.0, stride.1, dilation.0, dilation.1)
        self.border = border
        self.relu = relu
        let extentY = (kernelHeight - 1) * dilationY + 1, extentX = (kernelWidth - 1) * dilationX + 1
        switch padding {
        case .valid:
            guard height >= extentY, width >= extentX else {
                throw OpError("valid padding needs the input (\(height)x\(width), from \(shown)) "
                    + "at least as large as the kernel's extent \(extentY)x\(extentX) (from "
                    + "\(Tensor.describe(kernel)), dilation \(dilationY)x\(dilationX)); use same padding")
            }
            outHeight = (height - extentY) / strideY + 1
            outWidth = (width - extentX) / strideX + 1
            (padTop, padBottom, padLeft, padRight) = (0, 0, 0, 0)
        case .same:
            outHeight = (height + strideY - 1) / strideY
            outWidth = (width + strideX - 1) / strideX
            let padY = max((outHeight - 1) * strideY + extentY - height, 0)
            let padX = max((outWidth - 1) * strideX + extentX - width, 0)
            (padTop, padBottom) = (padY / 2, padY - padY / 2)
            (padLeft, padRight) = (padX / 2, padX - padX / 2)
        }
    }

    /// Output shape `[N,OH,OW,Cout]`.
    public var outputShape: [Int] { [batch, outHeight, outWidth, outChannels] }

    /// Multiply-adds counted as 2 flops: `2·N·OH·OW·Cout·kh·kw·(depthwise ? 1 : Cin)`.
    public var flops: Double {
        let perOutput = Double(kernelHeight * kernelWidth * (depthwise ? 1 : inChannels))
        return 2 * Double(batch * outHeight * outWidth * outChannels) * perOutput
    }
}
