/// `load PATH`: read a tensor from a file, the format recognised by its content.
struct Load: Op {
    let name = "load"
    let summary = "load a file as a float32 tensor (format by content: .npy)"
    let parameters = [Parameter("PATH", .path)]
    let details = """
        .npy loads as stored: float32 exactly, other numeric dtypes converted to float32 (NumPy format 1.0-3.0,
        C order).
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Tensor? {
        let path = try arguments.path(1)
        let bytes: [UInt8]
        do {
            bytes = try FileFormat.read(path)  // its errors name the file
        } catch let error as OpError {
            throw OpError.op(name, error.message)
        }
        do {
            switch FileFormat.detect(bytes) {
            case .npy: return try NPY.decode(bytes)
            case nil:
                throw OpError(bytes.isEmpty ? "empty file" : "unrecognised format (supported: .npy)")
            }
        } catch let error as OpError {
            throw OpError.op(name, "\(path): \(error.message)")
        }
    }
}
