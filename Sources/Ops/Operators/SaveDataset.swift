import Foundation

/// `save LIST PATH.npy [index=LIST]`: a data set, one `.npy` `[N,...]` (row i from item i) and an index `.csv`.
extension Save {
    static let datasetDetails = """
        A data set: save LIST out.npy, where LIST holds tensors of one shape, or paths of files (images or .npy,
        loaded as load does without options), writes one .npy of shape [N, ...] (row i is item i, in the list's
        order) and out.csv beside it with a 'path,row' line per row, so np.load reads the whole set in one call
        and the index says where each row came from. Files are read one at a time: memory holds one row.
        index=LIST names the rows instead (strings or numbers, one per row); it also adds the .csv to a tensor
        saved as .npy, one name per index of its first axis: save batch set.npy index=["a.jpg", "b.jpg"].
        A list of tensors without index= writes no .csv. Both files are written atomically, the .npy first.
        From a parallel for, save each input's row as its own .npy (atomic, so a killed run resumes), then after
        the loop gather them in input order: save (glob("out/*.npy")) features.npy.
        """

    /// Writes `items` (tensors, or paths of files to load) as one data set at `path`.
    func saveDataset(_ items: [Value], to path: String, _ arguments: Arguments) throws {
        guard FileFormat.forSaving(path) == .npy else {
            throw OpError.argument(2, "a list saves as a .npy data set; got '\(path)'")
        }
        for key in ["scale", "cmap", "quality", "bits"] where arguments.option(key) != nil {
            throw OpError.option(key, "applies to image files, not to a .npy data set")
        }
        if arguments.choice(3) != nil { throw OpError.argument(3, "a grid is a picture, not a data set") }
        let paths = items.compactMap { item -> String? in
            if case .string(let s) = item { return s } else { return nil }
        }
        let sources = try indexSources(arguments, rows: items.count) ?? (paths.count == items.count ? paths : nil)
        try Dataset.write(count: items.count, to: path, sources: sources) { i in
            try Cancellation.check()
            do {
                return try row(items[i])
            } catch let error as OpError {
                throw OpError("item \(i + 1) of \(items.count): \(error.message)")
            }
        }
    }

    /// `index=LIST` as one name per row, or nil when the option is absent.
    func indexSources(_ arguments: Arguments, rows: Int) throws -> [String]? {
        guard let option = arguments.option("index") else { return nil }
        guard case .list(let names) = option.value else {
            throw OpError.option("index", "expected a list of names, one per row, got a \(option.value.kindName)")
        }
        guard names.count == rows else {
            throw OpError.option("index", "\(names.count) names for \(rows) rows")
        }
        return try names.enumerated().map { i, name in
            guard let text = name.string else {
                throw OpError.option("index", "item \(i + 1) is a \(name.kindName), not a name")
            }
            return text
        }
    }

    /// One row: a tensor as it is, a path loaded as `load PATH` loads it.
    private func row(_ item: Value) throws -> Tensor {
        if case .string(let path) = item {
            let bytes = try FileFormat.read(path)
            do { return try TensorFile.decode(bytes) } catch let error as OpError {
                throw OpError("\(path): \(error.message)")
            }
        }
        guard let tensor = item.tensor else {
            throw OpError("expected a tensor or a file path, got a \(item.kindName)")
        }
        return tensor
    }
}
