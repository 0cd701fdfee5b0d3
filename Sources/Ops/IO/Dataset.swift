import Foundation

/// A data set on disk: N tensors of one shape S as one `.npy` of shape `[N] + S` (row i is tensor i), and an
/// index `.csv` beside it (`features.npy` → `features.csv`) that names the source of each row:
///
///     path,row
///     photos/cat.jpg,0
///     "photos/a, b.jpg",1
///
/// Fields are quoted as RFC 4180 says (a field holding `,`, `"`, CR or LF is put in double quotes, `"` doubled),
/// so `pandas.read_csv` and Python's `csv` read any path back. `np.load("features.npy")` gives the whole set.
public enum Dataset {
    /// The index beside a data set: the `.npy` path with its extension replaced by `.csv`.
    public static func indexPath(for path: String) -> String {
        (path as NSString).deletingPathExtension + ".csv"
    }

    /// Writes `count` rows to `path` (and, with `sources`, the index beside it). `row(i)` gives row i; it is
    /// called once for each i in order and its result written at once, so one row is in memory at a time
    /// (a list of 50,000 file paths streams). Every row must have row 0's shape. Both files go through
    /// `AtomicFile`, the `.npy` first: a bad row or a full disk leaves no partial file and both old ones intact.
    public static func write(count: Int, to path: String, sources: [String]?,
                             row: (Int) throws -> Tensor) throws {
        guard count > 0 else { throw OpError("an empty list makes no data set") }
        if let sources, sources.count != count {
            throw OpError("the index names \(sources.count) sources for \(count) rows")
        }
        // A row's own error (a bad file, a shape) is rethrown as it is, not as "cannot write PATH: ...".
        var rowError: Error?
        func produce(_ i: Int) throws -> Tensor {
            do { return try row(i) } catch { rowError = error; throw error }
        }
        do {
            try AtomicFile.write(to: path) { handle in
                let first = try produce(0)
                let header = NPY.header(shape: [count] + first.shape)
                try header.withUnsafeBytes { try AtomicFile.writeAll(handle, $0.baseAddress!, $0.count) }
                try append(first, to: handle)
                for i in 1..<count {
                    let next = try produce(i)
                    guard next.shape == first.shape else {
                        rowError = OpError("item \(i + 1) is \(Tensor.describe(next.shape)), item 1 was "
                            + "\(Tensor.describe(first.shape)): a data set's rows share one shape")
                        throw rowError!
                    }
                    try append(next, to: handle)
                }
            }
        } catch {
            throw rowError ?? error
        }
        if let sources { try writeIndex(sources, for: path) }
    }

    /// Writes the index of the data set at `path` (atomic): one `path,row` line per source, in row order.
    public static func writeIndex(_ sources: [String], for path: String) throws {
        try AtomicFile.write(Array(index(sources).utf8), to: indexPath(for: path))
    }

    /// The index text: a `path,row` header line, then one line per source.
    static func index(_ sources: [String]) -> String {
        var text = "path,row\n"
        for (row, source) in sources.enumerated() { text += "\(quoted(source)),\(row)\n" }
        return text
    }

    /// A CSV field, quoted when RFC 4180 requires it.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes a row's float32 elements, little-endian.
    private static func append(_ tensor: Tensor, to handle: Int32) throws {
        try tensor.withUnsafeBufferPointer { values in
            guard !values.isEmpty else { return }
            if 1.littleEndian == 1 {
                try AtomicFile.writeAll(handle, UnsafeRawPointer(values.baseAddress!), values.count * 4)
            } else {
                let swapped = values.map { $0.bitPattern.littleEndian }
                try swapped.withUnsafeBytes { try AtomicFile.writeAll(handle, $0.baseAddress!, $0.count) }
            }
        }
    }
}
