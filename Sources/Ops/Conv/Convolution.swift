/// The entry point every conv goes through; chooses how to compute a `ConvGeometry`.
///
/// Today it runs `ConvReference`; the fast schedules of the performance issue plug in here, and tests compare
/// each of them with the reference.
public enum Convolution {
    /// `input` `[N,H,W,Cin]` conv `kernel` (`[kh,kw]` or `[kh,kw,Cin,Cout]`) → `g.outputShape`.
    public static func convolve(_ input: Tensor, _ kernel: Tensor, _ g: ConvGeometry, threads: Int) throws -> Tensor {
        try ConvReference.convolve(input, kernel, g)
    }
}
