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
