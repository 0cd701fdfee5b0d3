/// The element-wise functions of LANGUAGE.md §3 and the activations of the course, one row each.
///
/// Each row: name, op code (or a builder for options), summary with its NumPy/TensorFlow reference. Every
/// function broadcasts its operands as NumPy does, computes in float32 (numbers alone stay Double numbers), and
/// fuses with the expression around it.
enum ElementwiseFunctions {
    static let all: [any Op] = unary + binary + ternary + withOptions

    private static func row(_ name: String, _ code: ElementwiseCode, _ placeholders: [String], _ summary: String,
                            _ details: String = "") -> ElementwiseFunction {
        ElementwiseFunction(name: name, summary: summary, parameters: placeholders.map { Parameter($0, .tensor) },
                            options: [], details: details, build: { operands, _ in .apply(code, operands) })
    }

    private static let unary: [any Op] = [
        row("abs", .abs, ["X"], "|x| element-wise (np.abs)"),
        row("sqrt", .sqrt, ["X"], "square root element-wise (np.sqrt; NaN below 0)"),
        row("square", .square, ["X"], "x*x element-wise (np.square)"),
        row("exp", .exp, ["X"], "e^x element-wise (np.exp)"),
        row("log", .log, ["X"], "natural logarithm element-wise (np.log; -inf at 0, NaN below)"),
        row("log1p", .log1p, ["X"], "log(1 + x) element-wise, exact near 0 (np.log1p)"),
        row("sin", .sin, ["X"], "sine element-wise, radians (np.sin)"),
        row("cos", .cos, ["X"], "cosine element-wise, radians (np.cos)"),
        row("tanh", .tanh, ["X"], "hyperbolic tangent element-wise (np.tanh, tf.math.tanh)"),
        row("sigmoid", .sigmoid, ["X"], "1 / (1 + e^-x) element-wise (tf.math.sigmoid)"),
        row("floor", .floor, ["X"], "largest integer <= x element-wise (np.floor)"),
        row("ceil", .ceil, ["X"], "smallest integer >= x element-wise (np.ceil)"),
        row("round", .round, ["X"], "nearest integer, halves to even, element-wise (tf.round, np.round)",
            "round(0.5) is 0, round(1.5) is 2, round(-2.5) is -2, as tf.round and np.round."),
        row("sign", .sign, ["X"], "-1, 0 or 1 by the sign of x element-wise (np.sign; NaN stays NaN)"),
        row("relu6", .relu6, ["X"], "min(max(x, 0), 6) element-wise (tf.nn.relu6)"),
        row("elu", .elu, ["X"], "x if x > 0 else e^x - 1, element-wise (tf.nn.elu)"),
        row("selu", .selu, ["X"], "scale * elu with alpha 1.67326, scale 1.05070 (tf.nn.selu)"),
        row("softplus", .softplus, ["X"], "log(1 + e^x) element-wise (tf.math.softplus)"),
        row("swish", .swish, ["X"], "x * sigmoid(x) element-wise (tf.nn.silu, Keras swish)"),
    ]

    private static let binary: [any Op] = [
        row("minimum", .minimum, ["A", "B"], "the smaller of a and b element-wise, NaN if either is (np.minimum)"),
        row("maximum", .maximum, ["A", "B"], "the larger of a and b element-wise, NaN if either is (np.maximum)"),
    ]

    private static let ternary: [any Op] = [
        row("clip", .clip, ["X", "LO", "HI"], "x limited to [lo, hi] element-wise (np.clip)"),
        row("where", .select, ["C", "A", "B"], "a where c is nonzero, else b, element-wise (np.where)",
            "Example:  y = where(x > 0.5, x * 2 - 1, 0)"),
    ]

    private static let withOptions: [any Op] = [
        ElementwiseFunction(
            name: "leaky_relu", summary: "x if x > 0 else alpha * x, element-wise (tf.nn.leaky_relu)",
            parameters: [Parameter("X", .tensor)], options: [OptionSpec("alpha", "A")],
            details: "alpha defaults to 0.2, as tf.nn.leaky_relu.",
            build: { operands, options in .apply(.leakyRelu, [operands[0], .number(options["alpha"] ?? 0.2)]) }),
        ElementwiseFunction(
            name: "gelu", summary: "x * Phi(x), the Gaussian error linear unit (tf.nn.gelu)",
            parameters: [Parameter("X", .tensor)], options: [OptionSpec("approximate", "0|1")],
            details: "approximate=1 uses the tanh form 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3))), as "
                + "tf.nn.gelu(approximate=True); the default is the exact erf form.",
            build: { operands, options in
                switch options["approximate"] ?? 0 {
                case 0: return .apply(.gelu, operands)
                case 1: return .apply(.geluTanh, operands)
                default: throw OpError.option("approximate", "expected 0 or 1")
                }
            }),
    ]
}
