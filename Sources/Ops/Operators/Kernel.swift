/// `kernel NAME [N...] | kernel LIST | kernel random KH KW CIN COUT [seed=N]`: make a filter.
struct KernelOp: Op {
    let name = "kernel"
    let summary = "make a kernel: a named one, a list literal, or Glorot-uniform random weights"
    let parameters = [
        Parameter("NAME|LIST|random", .text(completions: KernelCatalogue.names + ["random"])),
        Parameter("N", .number, optional: true, repeated: true),
    ]
    let options = [OptionSpec("seed", "N")]
    var details: String {
        let width = KernelCatalogue.entries.map { ($0.name + " " + $0.parameters).count }.max()!
        let catalogue = KernelCatalogue.entries.map {
            let head = $0.parameters.isEmpty ? $0.name : "\($0.name) \($0.parameters)"
            return "  " + head.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary
        }
        return """
            Named kernels are [kh,kw], applied as written (cross-correlation, as TensorFlow):
            \(catalogue.joined(separator: "\n"))
            A list literal in NumPy order gives any shape: kernel [[0,1,0],[1,-4,1],[0,1,0]].
            kernel random KH KW CIN COUT [seed=N] gives a [KH,KW,CIN,COUT] bank with Glorot-uniform weights,
            limit sqrt(6/(KH·KW·(CIN+COUT))), as a fresh Keras Conv2D; seed defaults to 0.
            Examples:  k = kernel edge      g = kernel gaussian 5 1.4      w = kernel random 3 3 3 64 seed=7
            """
    }

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let first = arguments.argument(1)!
        switch first.value {
        case .tensor, .list:
            guard arguments.count == 1 else { throw OpError.argument(2, "a list literal takes no numbers") }
            return .tensor(try arguments.tensor(1))
        default: break
        }
        guard case .string(let kind) = first.value else {
            throw OpError.argument(1, "expected a kernel name, a list or random, got \(first.text)")
        }
        let numbers = try (arguments.count > 1 ? Array(2...arguments.count) : []).map { try arguments.number($0) }
        if kind == "random" {
            guard arguments.count == 5 else {
                throw OpError("random takes KH KW CIN COUT, got \(arguments.count - 1) number(s)")
            }
            let sizes = try (2...5).map { try arguments.integer($0, in: 1...4096) }
            let seed = try arguments.integerOption("seed", default: 0, in: 0...Int.max)
            return .tensor(try GlorotUniform.bank(kh: sizes[0], kw: sizes[1], cin: sizes[2], cout: sizes[3],
                                          seed: UInt64(seed)))
        }
        do {
            return .tensor(try KernelCatalogue.kernel(named: kind, parameters: numbers))
        } catch var error as OpError where error.position == nil {
            error.position = 1
            throw error
        }
    }
}
