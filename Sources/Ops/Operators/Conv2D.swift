/// `conv2d X K [same|valid] [stride=S] [dilation=D] [border=...] [bias=B] [activation=...]`: `tf.nn.conv2d`
/// (then `tf.nn.bias_add` and the activation, as a Keras `Conv2D` layer).
///
/// `X` is `[H,W]`, `[H,W,C]` or `[N,H,W,C]`; the result keeps that rank (`[H,W]` in gives `[H',W']` out when
/// there is one output channel, else `[H',W',Cout]`). `K` `[kh,kw,Cin,Cout]` is TensorFlow's filter; `K` `[kh,kw]`
/// filters every channel on its own (`tf.nn.depthwise_conv2d` with that kernel on each channel).
struct Conv2D: Op {
    let name = "conv2d"
    let summary = "filter: 2-D cross-correlation, exactly tf.nn.conv2d (NHWC)"
    let parameters = [
        Parameter("X", .tensor), Parameter("K", .tensor), .choice(["same", "valid"]),
    ]
    let options = [
        OptionSpec("stride", "S"), OptionSpec("dilation", "D"),
        .choice("border", Border.allCases.map(\.rawValue)), OptionSpec("bias", "B", .tensor),
        ActivationChoice.option, .choice("algo", ConvAlgorithm.allCases.map(\.rawValue)),
    ]
    let details = """
        Cross-correlation as TensorFlow computes it: out(oy,ox,co) = Σ x(oy·s+ky·d-top, ox·s+kx·d-left, ci)·K(ky,kx,ci,co).
        Padding defaults to valid (as Keras). same pads so that OH = ceil(H/stride); an odd total padding puts the
        extra row/column at the bottom/right, as TensorFlow does.
        K [kh,kw,Cin,Cout] is a filter bank (Cin must equal X's channels); K [kh,kw] filters each channel of X.
        stride=S and dilation=D take one number or [along H, along W].
        border=zero (TensorFlow) | reflect (d c b a|a b c d) | replicate (a a|a b) | wrap (c d|a b c d|a b), as SciPy's
        ndimage modes reflect/nearest/wrap; it changes only what padded pixels read, never the output size.
        bias=B adds a [Cout] vector (tf.nn.bias_add) before the activation, as a Keras Conv2D layer does.
        activation= takes Keras' names (none and linear: no activation); relu, and a bias with relu or no
        activation, are applied as each output is stored (a bias in the direct and Winograd paths), the others
        with the bias in one pass after the conv.
        algo=direct (default; set conv_algo changes it) | winograd | auto. winograd computes a 3x3 filter bank with
        stride 1, dilation 1 and 16+ input channels (any padding, border, batch) by Winograd's F(4x4,3x3): fewer
        multiplies, a bounded extra rounding error: |y - exact| <= (9*Cin + 64) * 2^-24 * M for every output, M the
        largest sum of |x*w| in the output (direct meets (9*Cin + 2) * 2^-24 * its own sum of |x*w|). Measured on
        [0,1] images with Glorot weights: at most 6x direct's max error (docs/kernels.md). A NaN or Inf input spoils
        its whole 4x4 output tile. Other convs run direct; time says which ran. auto takes winograd where it was
        measured faster (64+ channels in and out, output 14x14 or larger), direct elsewhere.
        Example:  f = conv2d img k same stride=2
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let input = try arguments.tensor(1)
        let kernel = try arguments.tensor(2)
        let padding = Padding(rawValue: arguments.choice(3) ?? "valid")!
        let stride = try arguments.pairOption("stride", default: (1, 1))
        let dilation = try arguments.pairOption("dilation", default: (1, 1))
        let border = Border(rawValue: arguments.choiceOption("border", default: "zero"))!
        let activation = ActivationChoice.name(arguments)
        let bias = try arguments.tensorOption("bias")
        let algorithm = ConvAlgorithm(rawValue: arguments.choiceOption("algo",
                                                                       default: context.convAlgorithm.rawValue))!

        let spatial = try SpatialInput(input)
        let batch = spatial.batch
        var geometry = try ConvGeometry(input: batch.shape, kernel: kernel.shape, padding: padding, stride: stride,
                                        dilation: dilation, border: border, given: input.shape)
        if let bias {
            _ = try Bias.vector(bias, geometry.outChannels, "the \(geometry.outChannels) output channel(s) of "
                                + Tensor.describe(kernel.shape)) { OpError.option("bias", $0) }
        }
        // A bias (with relu or no activation) is added as the direct and Winograd paths store their output.
        let fusedBias = bias != nil && ["relu", "none", "linear"].contains(activation)
            && Convolution.fusesBias(Convolution.path(for: geometry, algorithm: algorithm))
        let fused = activation == "relu" && (bias == nil || fusedBias)
        geometry.relu = fused
        var output = try spatial.restoringRank(try Convolution.convolve(batch, kernel, geometry,
                                                                        threads: context.threads,
                                                                        algorithm: algorithm,
                                                                        bias: fusedBias ? bias : nil))
        if bias != nil || (!fused && activation != "none") {
            // `explain` replays the conv alone, so a result with a bias or another activation keeps no origin.
            if fusedBias { return .tensor(output) }
            return .tensor(try ActivationChoice.apply(output, bias: bias, activation, threads: context.threads))
        }
        output.origin = Origin(op: name, inputs: [batch, kernel], detail: ConvRun(geometry: geometry,
                                                                                  algorithm: algorithm))
        return .tensor(output)
    }
}
