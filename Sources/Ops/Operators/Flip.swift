/// `flip X horizontal|vertical`: mirror left-right or up-down, as `tf.image.flip_left_right` / `flip_up_down`.
struct Flip: Op {
    let name = "flip"
    let summary = "mirror left-right or up-down, as tf.image.flip_left_right / flip_up_down"
    let parameters = [Parameter("X", .tensor), .choice(Orientation.Axis.allCases.map(\.rawValue), optional: false)]
    let details = """
        horizontal mirrors each row (x → W-1-x), vertical each column (y → H-1-y); every image of a batch alike.
        Reference: tf.image.flip_left_right, tf.image.flip_up_down.
        Example:  m = flip img horizontal
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let spatial = try SpatialInput(try arguments.tensor(1))
        let axis = Orientation.Axis(rawValue: arguments.choice(2)!)!
        return .tensor(try spatial.restoringRank(try Orientation.flip(spatial.batch, axis)))
    }
}
