/// Rich output for a front end that draws pictures and tables itself (the Jupyter kernel) instead of a
/// terminal: when `Context.display` is set, `show` hands it what it would have drawn.
public enum Display: Sendable {
    /// A picture: the montage `save X FILE.png grid` writes for the same tensors, at full resolution, and the one
    /// line per tensor that stands for it in plain text.
    case picture(MontageImage, text: String)
    /// A table: as plain text, and the same table shaded with 24-bit ANSI colours (`KernelTable`'s `.shaded`).
    case table(plain: String, shaded: String)
}
