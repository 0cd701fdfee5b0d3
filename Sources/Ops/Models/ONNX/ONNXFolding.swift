/// The ONNX nodes that compute on constants (shapes, axes, weights) are evaluated at load; and the element-wise,
/// reshaping and matrix nodes that touch a runtime tensor become Keras layers.
extension ONNXImporter {
    /// Evaluates `node` when it only computes on constants (or on a runtime tensor's shape); false otherwise.
    mutating func fold(_ node: Onnx_NodeProto, _ output: String) throws -> Bool {
        if node.opType == "Constant" {
            guard let value = attribute(node, "value"), value.hasT else { throw problem(node, "only a tensor value is supported") }
            items[output] = .constant(try ONNXConstant(value.t))
            return true
        }
        if node.opType == "Shape", case .runtime(let x)? = items[node.input[0]] {
            items[output] = .constant(ONNXConstant(integers: x.logical))
            return true
        }
        var inputs: [ONNXConstant] = []
        for name in node.input where !name.isEmpty {
            guard case .constant(let value)? = items[name] else { return false }
            inputs.append(value)
        }
        guard let x = inputs.first else { return false }
        let result: ONNXConstant
        switch node.opType {
        case "Shape": result = ONNXConstant(integers: x.shape)
        case "Cast", "Identity": result = x
        case "Gather":
            guard x.shape.count == 1, inputs.count == 2, integer(node, "axis", default: 0) == 0 else {
                throw problem(node, "only gathering from a constant vector is supported")
            }
            let picked = try inputs[1].integers.map { index -> Float in
                let i = index < 0 ? index + x.floats.count : index
                guard x.floats.indices.contains(i) else { throw problem(node, "index \(index) is out of range") }
                return x.floats[i]
            }
            result = ONNXConstant(shape: inputs[1].shape, floats: picked)
        case "Slice":
            guard x.shape.count == 1, inputs.count >= 3 else { throw problem(node, "only slicing a constant vector is supported") }
            let n = x.floats.count
            let clampIndex = { (i: Int) in min(max(i < 0 ? i + n : i, 0), n) }
            let start = clampIndex(inputs[1].integers.first ?? 0), end = clampIndex(inputs[2].integers.first ?? n)
            guard inputs.count < 5 || inputs[4].integers == [1] else { throw problem(node, "only step 1 is supported") }
            result = ONNXConstant(integers: start < end ? x.integers[start..<end].map { $0 } : [])
        case "Concat":
            guard inputs.allSatisfy({ $0.shape.count == 1 }) else { throw problem(node, "only concatenating constant vectors is supported") }
            result = ONNXConstant(integers: inputs.flatMap(\.integers))
        case "Unsqueeze", "Squeeze", "Reshape", "Flatten":
            result = ONNXConstant(shape: [x.floats.count], floats: x.floats)
        default:
            throw problem(node, "computing \(node.opType) on constants is not supported")
        }
        items[output] = .constant(result)
        return true
    }

    /// A per-channel constant (shape [C], [C,1,1], [1,C,1,1] or a scalar) as a `[C]` tensor for `x`.
    func channelVector(_ node: Onnx_NodeProto, _ value: ONNXConstant?, _ x: Runtime) throws -> Tensor {
        let channels = x.stored.last ?? 0
        guard let value else { throw problem(node, "expects a constant per-channel input") }
        let significant = value.shape.filter { $0 != 1 }
        if value.floats.count == 1 { return try Tensor(shape: [channels], repeating: value.floats[0]) }
        let trailing = x.layout == .nchw ? Array(value.shape.suffix(2)) == [1, 1] || value.shape.count == 1 : true
        guard significant == [channels], trailing, value.shape.count <= x.logical.count else {
            throw problem(node, "constant of shape \(Tensor.describe(value.shape)) is not per-channel for \(Tensor.describe(x.logical))")
        }
        return try Tensor(shape: [channels], values: value.floats)
    }

    /// Add/Mul of two runtime tensors → Add/Multiply; with a per-channel constant → a bias folded into the
    /// conv or dense layer before it (when nothing else reads that layer), or a BatchNormalization with mean 0,
    /// variance 1 and ε 0, which computes x·γ + β exactly.
    mutating func arithmetic(_ node: Onnx_NodeProto) throws {
        guard node.input.count == 2 else { throw problem(node, "expects two inputs") }
        if case .runtime(let a)? = items[node.input[0]], case .runtime(let b)? = items[node.input[1]] {
            guard a.stored == b.stored, a.layout == b.layout else { throw problem(node, "broadcasting between computed tensors is not supported") }
            try add(node, node.opType == "Add" ? "Add" : "Multiply", [:], inputs: [a, b])
            return
        }
        let runtimeIndex = items[node.input[0]].map { if case .runtime = $0 { return 0 } else { return 1 } } ?? 0
        let x = try runtime(node, runtimeIndex)
        let vector = try channelVector(node, try constant(node, 1 - runtimeIndex), x)
        let previous = layers.last!
        let alone = uses[node.input[runtimeIndex]] == 1 && previous.name == x.ref.layer
        if node.opType == "Add" && alone && ["Conv2D", "DepthwiseConv2D", "Dense"].contains(previous.className) {
            let bias = try previous.weight("bias").map { old in try Tensor(shape: [vector.count], values: zip(old.scalars, vector.scalars).map { $0 + $1 }) } ?? vector
            previous.weights = previous.weights.filter { $0.name != "bias" } + [("bias", bias)]
            items[node.output[0]] = .runtime(x)
        } else if node.opType == "Add" && alone && previous.className == "BatchNormalization" && previous.config["epsilon"] == .number(0) {
            let beta = try Tensor(shape: [vector.count], values: zip(previous.weight("beta")!.scalars, vector.scalars).map { $0 + $1 })
            previous.weights = previous.weights.map { $0.name == "beta" ? ("beta", beta) : $0 }
            items[node.output[0]] = .runtime(x)
        } else {
            let ones = try Tensor(shape: [vector.count], repeating: 1), zeros = try Tensor(shape: [vector.count], repeating: 0)
            let (gamma, beta) = node.opType == "Mul" ? (vector, zeros) : (ones, vector)
            try add(node, "BatchNormalization", ["epsilon": .number(0)], inputs: [x],
                    weights: [("gamma", gamma), ("beta", beta), ("mean", zeros), ("variance", ones)])
        }
    }

    /// Flatten, Squeeze or Reshape to `[N, -1]` of a runtime tensor → Flatten; an NCHW tensor with more than
    /// one pixel is first permuted to C,H,W order (as PyTorch's `x.flatten(1)` reads it).
    mutating func flatten(_ node: Onnx_NodeProto) throws {
        let x = try runtime(node, 0)
        var count = 1
        for size in x.stored {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw problem(node, "the input of \(x.stored) elements is too large") }
            count = product
        }
        if node.opType == "Reshape" {
            let target = try constant(node, 1)?.integers ?? []
            guard target.count == 2, target[1] == -1 || target[1] == count, [0, 1, -1].contains(target[0]) else {
                throw problem(node, "only reshaping to [N, -1] is supported")
            }
        } else if node.opType == "Squeeze" {
            guard x.layout == .nchw, x.stored[0] == 1, x.stored[1] == 1 else { throw problem(node, "only squeezing [N,C,1,1] is supported") }
        } else if node.opType == "Flatten" {
            guard integer(node, "axis", default: 1) == 1 else { throw problem(node, "only axis=1 is supported") }
        }
        var input = x
        if x.layout == .nchw && x.stored[0] * x.stored[1] > 1 {
            let permute = try add(node, "Permute", ["dims": .array([3, 1, 2].map { .number($0) })], inputs: [x],
                                  name: node.name + "_chw")
            input = Runtime(ref: TensorRef(layer: permute.name, index: 0), layout: .plain,
                            stored: [x.stored[2], x.stored[0], x.stored[1]])
        }
        try add(node, "Flatten", [:], inputs: [input], layout: .plain)
    }

    /// MatMul by a constant [K,U], or Gemm (B transposed when transB=1, C the bias) → Dense.
    mutating func dense(_ node: Onnx_NodeProto) throws {
        let x = try runtime(node, 0)
        guard x.stored.count == 1, let b = try constant(node, 1), b.shape.count == 2 else {
            throw problem(node, "expects an [N,F] input and a constant 2-d weight")
        }
        var kernel = try b.tensor()
        if node.opType == "Gemm" {
            guard integer(node, "transA", default: 0) == 0, attribute(node, "alpha").map({ $0.f == 1 }) ?? true,
                  attribute(node, "beta").map({ $0.f == 1 }) ?? true else {
                throw problem(node, "only alpha=1, beta=1, transA=0 are supported")
            }
            if integer(node, "transB", default: 0) == 1 {
                let (u, k) = (b.shape[0], b.shape[1])
                kernel = try Tensor(shape: [k, u], values: (0..<(k * u)).map { b.floats[($0 % u) * k + $0 / u] })
            }
        }
        let units = kernel.shape[1]
        var weights: [(name: String, tensor: Tensor)] = [("kernel", kernel)]
        if node.opType == "Gemm", let c = try constant(node, 2) {
            weights.append(("bias", c.floats.count == 1 ? try Tensor(shape: [units], repeating: c.floats[0]) : try c.tensor([units])))
        }
        try add(node, "Dense", ["units": .number(Double(units))], inputs: [x], weights: weights)
    }
}
