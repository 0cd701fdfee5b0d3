/// `stack K1 K2 ...`: a bank `[kh,kw,1,n]` of n 2-D kernels, one output feature map per kernel.
struct Stack: Op {
    let name = "stack"
    let summary = "stack 2-D kernels into a bank [kh,kw,1,n]: one feature map per kernel"
    let parameters = [Parameter("K", .tensor, repeated: true)]
    let details = """
        Every K must be [kh,kw] with the same size. A word that names no tensor but a fixed catalogue kernel
        is taken from the catalogue: stack edge sobel_x sobel_y.
        Example:  bank = stack edge bottom_sobel emboss; maps = conv2d img bank same
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        var kernels: [Tensor] = []
        for position in 1...arguments.count {
            let kernel = try tensorOrCatalogueKernel(arguments, position)
            guard kernel.rank == 2 else {
                throw OpError.argument(position, "expected a 2-D kernel [kh,kw], got \(Tensor.describe(kernel.shape))")
            }
            if let first = kernels.first, first.shape != kernel.shape {
                throw OpError.argument(position, "kernel \(Tensor.describe(kernel.shape)) differs in size from "
                    + "the first, \(Tensor.describe(first.shape))")
            }
            kernels.append(kernel)
        }
        let (kh, kw, n) = (kernels[0].shape[0], kernels[0].shape[1], kernels.count)
        var bank = try Tensor(uninitializedShape: [kh, kw, 1, n])
        try bank.withUnsafeMutableBufferPointer { out in
            for (k, kernel) in kernels.enumerated() {
                kernel.withUnsafeBufferPointer { taps in
                    for tap in 0..<(kh * kw) { out[tap * n + k] = taps[tap] }
                }
            }
        }
        return .tensor(bank)
    }

    /// The tensor at `position`, or, when a bare word names no tensor, the fixed catalogue kernel of that name.
    private func tensorOrCatalogueKernel(_ arguments: Arguments, _ position: Int) throws -> Tensor {
        do {
            return try arguments.tensor(position)
        } catch {
            guard let argument = arguments.argument(position), argument.isBareWord, let word = argument.value.string,
                  let entry = KernelCatalogue.entry(named: word), entry.parameters.isEmpty else { throw error }
            return try KernelCatalogue.kernel(named: word, parameters: [])
        }
    }
}
