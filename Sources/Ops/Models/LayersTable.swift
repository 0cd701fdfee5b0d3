/// The table `layers m` prints: one row per layer with its index, name, class, window (kernel, stride,
/// padding, dilation), activation, output shape for the given input, and parameter count.
///
///     #  name          type          window         activation  output        params
///     1  block1_conv1  Conv2D 64     3x3 s1 same    relu        [224,224,64]  1,792
enum LayersTable {
    static func render(_ graph: ModelGraph, input: [Int]) throws -> String {
        let shapes = try LayerShapes.infer(graph, input: input)
        var rows = [["#", "name", "type", "window", "activation", "output", "params"]]
        for (index, layer) in graph.layers.enumerated() {
            rows.append([String(index), layer.name, type(layer), window(layer), layer.config["activation"]?.string ?? "",
                         Tensor.describe(shapes[layer.name]!), grouped(layer.parameterCount)])
        }
        let total = graph.parameterCount
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max()! }
        let lines = rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == row.count - 1 ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        return (lines + ["total: \(grouped(total)) parameters"]).joined(separator: "\n")
    }

    /// `Conv2D 64`, `Dense 10`, `DepthwiseConv2D x2`, `Sequential (3 layers)`.
    private static func type(_ layer: Layer) -> String {
        if let submodel = layer.submodel { return "\(submodel.className) (\(submodel.layers.count) layers)" }
        if let filters = layer.config["filters"]?.integer { return "\(layer.className) \(filters)" }
        if let units = layer.config["units"]?.integer { return "\(layer.className) \(units)" }
        if layer.className == "DepthwiseConv2D" { return "\(layer.className) x\(layer.config["depth_multiplier"]?.integer ?? 1)" }
        return layer.className
    }

    /// `3x3 s2 same d2`: size, strides, padding and (when above 1) dilation of a windowed layer; padding of a
    /// ZeroPadding2D as `pad t,b,l,r`.
    static func window(_ layer: Layer) -> String {
        if layer.className == "ZeroPadding2D", let p = try? LayerShapes.padding(layer) {
            return "pad " + p.map(String.init).joined(separator: ",")
        }
        guard ["Conv2D", "DepthwiseConv2D", "SeparableConv2D", "MaxPooling2D", "AveragePooling2D"].contains(layer.className),
              let w = try? Window(layer) else { return "" }
        let strides = w.strides[0] == w.strides[1] ? "s\(w.strides[0])" : "s\(w.strides[0])x\(w.strides[1])"
        let dilation = w.dilation == [1, 1] ? "" : " d\(w.dilation[0])" + (w.dilation[0] == w.dilation[1] ? "" : "x\(w.dilation[1])")
        return "\(w.kernel[0])x\(w.kernel[1]) \(strides) \(w.padding)\(dilation)"
    }

    /// 14714688 → `14,714,688`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }
}
