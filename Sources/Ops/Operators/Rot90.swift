/// `rot90 X [k=1]`: `k` quarter turns counter-clockwise, as `tf.image.rot90`.
struct Rot90: Op {
    let name = "rot90"
    let summary = "rotate by k quarter turns counter-clockwise, as tf.image.rot90"
    let parameters = [Parameter("X", .tensor)]
    let options = [OptionSpec("k", "K")]
    let details = """
        k=1 (default) turns a quarter counter-clockwise ([H,W,C] becomes [W,H,C]); any integer, negative turns
        clockwise. Pixels are moved, never interpolated.
        Reference: tf.image.rot90(x, k).
        Example:  r = rot90 img k=2
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let spatial = try SpatialInput(try arguments.tensor(1))
        let k = try arguments.integerOption("k", default: 1, in: -1_000_000...1_000_000)
        return .tensor(try spatial.restoringRank(try Orientation.rot90(spatial.batch, k)))
    }
}
