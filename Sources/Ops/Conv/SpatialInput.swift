/// The input of a spatial op (`conv2d`, `maxpool`) as a batch `[N,H,W,C]`, and the way back to the rank it came in.
///
/// Accepted: `[N,H,W,C]`, `[H,W,C]` (N = 1) and `[H,W]` (N = 1, C = 1). The result keeps the given rank: `[H,W,C]`
/// in gives `[H',W',C']` out; `[H,W]` in gives `[H',W']` when there is one output channel, else `[H',W',C']`.
struct SpatialInput {
    /// The input viewed as `[N,H,W,C]` (shares storage).
    let batch: Tensor
    let rank: Int

    /// Throws `argument 1: ...` for any other rank.
    init(_ x: Tensor) throws {
        guard (2...4).contains(x.rank) else {
            throw OpError.argument(1, "expected an image [H,W,C], a batch [N,H,W,C] or a matrix [H,W], "
                + "got \(Tensor.describe(x.shape))")
        }
        rank = x.rank
        batch = x.rank == 4 ? x : try x.reshaped([1, x.shape[0], x.shape[1], x.rank == 3 ? x.shape[2] : 1])
    }

    /// `output` `[N,OH,OW,C']` in the rank the input was given.
    func restoringRank(_ output: Tensor) throws -> Tensor {
        let shape = output.shape
        switch rank {
        case 4: return output
        case 3: return try output.reshaped(Array(shape.dropFirst()))
        default: return try output.reshaped(shape[3] == 1 ? [shape[1], shape[2]] : Array(shape.dropFirst()))
        }
    }
}

/// The window of a pooling op (`maxpool`, `avgpool`): `X [same|valid] [size=N] [stride=S]`, read the same way for
/// both. `size` defaults to 2x2 and `stride` to the size; padding is `valid` unless `same` is given.
enum PoolingWindow {
    /// Reads X and the window from `arguments`, runs `pool` on X's batch view `[N,H,W,C]` with the window's
    /// geometry, and returns the result in the rank X came in.
    static func run(_ arguments: Arguments, _ pool: (Tensor, ConvGeometry) throws -> Tensor) throws -> Value {
        let input = try arguments.tensor(1)
        let padding = Padding(rawValue: arguments.choice(2) ?? "valid")!
        let size = try arguments.pairOption("size", default: (2, 2))
        let stride = try arguments.pairOption("stride", default: size)
        let spatial = try SpatialInput(input)
        let g = try ConvGeometry(input: spatial.batch.shape, kernel: [size.0, size.1], padding: padding,
                                 stride: stride, given: input.shape)
        return .tensor(try spatial.restoringRank(try pool(spatial.batch, g)))
    }
}
