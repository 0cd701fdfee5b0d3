/// `save X PATH`: write a tensor to a file, the format chosen by the extension; atomic.
struct Save: Op {
    let name = "save"
    let summary = "save a tensor (format by extension: .npy); never leaves a partial file"
    let parameters = [Parameter("X", .tensor), Parameter("PATH", .path)]
    let producesTensor = false
    let details = """
        .npy writes float32 exactly (NumPy format 1.0, C order).
        The file is written beside PATH under a temporary name and renamed over it, so a failed save leaves an
        existing file as it was.
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Tensor? {
        let x = try arguments.tensor(1)
        let path = try arguments.path(2)
        guard let format = FileFormat.forSaving(path) else {
            throw OpError.argument(name, 2, "cannot tell the format of '\(path)'; use \(FileFormat.saveExtensions)")
        }
        do {
            switch format {
            case .npy: try AtomicFile.write(NPY.encode(x), to: path)
            }
        } catch let error as OpError {
            throw OpError.op(name, error.message)
        }
        return nil
    }
}
