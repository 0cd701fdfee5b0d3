/// `sum mean max min std var argmax argmin`, one row each (NumPy's reductions, `Reduction`).
enum ReductionOps {
    static let all: [any Op] = [
        ReductionOp(.sum, "sum of the elements, over axis= if given (np.sum)"),
        ReductionOp(.mean, "mean of the elements, over axis= if given (np.mean)"),
        ReductionOp(.max, "largest element, over axis= if given; NaN if any is NaN (np.max)"),
        ReductionOp(.min, "smallest element, over axis= if given; NaN if any is NaN (np.min)"),
        ReductionOp(.std, "standard deviation (divides by N), over axis= if given (np.std)"),
        ReductionOp(.variance, "variance (divides by N), over axis= if given (np.var)"),
        ReductionOp(.argmax, "index of the first largest element, along axis= if given, else flattened (np.argmax)"),
        ReductionOp(.argmin, "index of the first smallest element, along axis= if given, else flattened (np.argmin)"),
    ]
}

/// One reduction as an op: `mean(f, axis=[0,1], keepdims=1)`.
struct ReductionOp: Op {
    let reduction: Reduction
    let summary: String
    var name: String { reduction.rawValue }
    let parameters = [Parameter("X", .tensor)]
    var options: [OptionSpec] { [OptionSpec("axis", "A", .value), OptionSpec("keepdims", "0|1")] }
    var details: String {
        """
        axis= is an integer or a list (negative counts from the end)\(reduction == .argmax || reduction == .argmin
            ? "; one axis only" : ""); without it the whole tensor reduces to a number.
        keepdims=1 keeps the reduced axes with size 1, as NumPy's keepdims=True.
        Example:  mean(f, axis=[0,1])     (a global average pool of [H,W,C] to [C])
        """
    }

    init(_ reduction: Reduction, _ summary: String) {
        self.reduction = reduction
        self.summary = summary
    }

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let x = try arguments.tensor(1)
        let axes = try arguments.option("axis").map { try MathArguments.integers($0, option: "axis") }
        let keepdims = try arguments.boolOption("keepdims", default: false)
        do {
            switch try reduction.apply(x, axes: axes, keepdims: keepdims) {
            case .number(let n): return .number(n)
            case .tensor(let t): return .tensor(t)
            }
        } catch let error as OpError where axes != nil && error.message.hasPrefix("axis") {
            throw OpError.option("axis", error.message)
        }
    }
}

/// Readers for values the core's typed accessors do not cover.
enum MathArguments {
    /// An integer or a list of integers (`axis=1`, `axis=[0,1]`), for option `option`.
    static func integers(_ argument: Argument, option: String) throws -> [Int] {
        let numbers: [Double]
        switch argument.value {
        case .number(let n): numbers = [n]
        case .list(let items): numbers = items.compactMap(\.number)
            guard numbers.count == items.count else {
                throw OpError.option(option, "expected integers, got \(argument.text)")
            }
        case .tensor(let t) where t.rank <= 1: numbers = t.scalars.map(Double.init)
        default: throw OpError.option(option, "expected an integer or a list of integers, got \(argument.text)")
        }
        return try numbers.map { n in
            guard n == n.rounded(), n.magnitude < 1e15 else {
                throw OpError.option(option, "expected integers, got \(argument.text)")
            }
            return Int(n)
        }
    }
}
