import Foundation

/// `explain F Y X [out=C] [n=N] [cin=I] [digits=N]`: one output pixel of a conv2d result taken apart.
struct Explain: Op {
    let name = "explain"
    let summary = "take one output pixel of a conv2d result apart: input window, kernel, products, sum, padding"
    let parameters = [Parameter("F", .tensor), Parameter("Y", .number), Parameter("X", .number)]
    let options = [OptionSpec("out", "C"), OptionSpec("n", "N"), OptionSpec("cin", "I"), OptionSpec("digits", "N")]
    let producesValue = false
    let details = """
        F must be the result of conv2d (it remembers its input, kernel and geometry). Y and X are output row and
        column, counted from 0 as NumPy does; out=C picks the output channel (default 0) and n=N the image of a
        batch (default 0). Prints the padding split of that conv (top/bottom/left/right), then the input window
        the kernel covers, the kernel, and their element-wise products side by side, the sum of the products, and
        relu when the conv fused it. Values read from padding are shown in parentheses: 0 for border=zero,
        else the pixel the border mode copies.
        A depthwise (2-D) kernel reads only input channel C. A [kh,kw,Cin,Cout] bank sums over every input
        channel: each is shown when Cin ≤ 4, else the per-channel sums, with cin=I to show channel I in full.
        Values are rounded to digits=N decimals (default 3); integers stay exact.
        Example:  f = conv2d img k same;  explain f 0 0
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let f = try arguments.tensor(1)
        let label = arguments.argument(1)!.text
        guard let origin = f.origin, origin.op == "conv2d", let g = (origin.detail as? ConvRun)?.geometry,
              origin.inputs.count == 2, f.count == g.outputShape.reduce(1, *) else {
            throw OpError.argument(1, "'\(label)' was not made by conv2d (it was loaded, typed, or made by "
                + "another op); explain the result of conv2d itself")
        }
        let y = try arguments.integer(2, in: 0...(g.outHeight - 1))
        let x = try arguments.integer(3, in: 0...(g.outWidth - 1))
        let co = try arguments.integerOption("out", default: 0, in: 0...(g.outChannels - 1))
        let n = try arguments.integerOption("n", default: 0, in: 0...(g.batch - 1))
        let cin = try arguments.option("cin").map { _ in
            try arguments.integerOption("cin", default: 0, in: 0...(g.inChannels - 1))
        }
        if cin != nil && g.depthwise {
            throw OpError.option("cin", "a 2-D kernel reads only input channel \(co); use out=C")
        }
        let digits = try arguments.integerOption("digits", default: 3, in: 0...8)
        let e = ConvExplanation(input: origin.inputs[0], kernel: origin.inputs[1], geometry: g, n: n, y: y, x: x,
                                outChannel: co)
        let stored = f.buffer.pointer[((n * g.outHeight + y) * g.outWidth + x) * g.outChannels + co]
        let faint = context.terminal?.allowsColor == true
        context.print(ExplainText(e, digits: digits, faint: faint, width: context.terminal?.columns ?? 100)
            .render(label: label, stored: stored, cin: cin))
        return nil
    }
}

/// The text of an explanation: header, padding line, one block per input channel, the sum.
struct ExplainText {
    let e: ConvExplanation
    let digits: Int
    /// Draw padding values faint as well as in parentheses.
    let faint: Bool
    /// Columns available: window, kernel and products go side by side when they fit, else one under another.
    let width: Int

    init(_ e: ConvExplanation, digits: Int, faint: Bool, width: Int) {
        (self.e, self.digits, self.faint, self.width) = (e, digits, faint, width)
    }

    func render(label: String, stored: Float, cin: Int?) -> String {
        let g = e.geometry
        let at = g.batch > 1 ? "n=\(e.batchIndex), " : ""
        var lines = [
            "\(label) at \(at)y=\(e.row), x=\(e.column), channel \(e.outChannel) of \(g.outChannels): "
                + "\(g.kernelHeight)x\(g.kernelWidth) kernel on \(g.height)x\(g.width)x\(g.inChannels) input, "
                + "stride \(g.strideY)x\(g.strideX), dilation \(g.dilationY)x\(g.dilationX)",
            "padding: top \(g.padTop), bottom \(g.padBottom), left \(g.padLeft), right \(g.padRight) "
                + "(border=\(g.border.rawValue); padding values in parentheses)",
        ]
        let shown = e.channels.filter { cin == nil ? e.channels.count <= 4 : $0.index == cin }
        for channel in shown { lines += [""] + block(channel) }
        if shown.count < e.channels.count {
            let sums = e.channels.map { "\($0.index): \(number($0.sum))" }
            lines += ["", "sum per input channel (cin=I shows one in full):"]
            lines += stride(from: 0, to: sums.count, by: 8).map { "  " + sums[$0..<min($0 + 8, sums.count)]
                .joined(separator: "  ") }
        }
        lines.append("")
        let terms = e.channels.count > 1 ? " over \(e.channels.count) input channels" : ""
        lines.append("sum of products\(terms) = \(number(e.sum))")
        if g.relu { lines.append("relu (fused): max(0, \(number(e.sum))) = \(number(Double(e.output)))") }
        lines.append("\(label) holds \(number(Double(stored)))")
        return lines.joined(separator: "\n")
    }

    /// Window × kernel = products for one input channel, then its sum when there are several channels.
    private func block(_ channel: ConvExplanation.Channel) -> [String] {
        let g = e.geometry
        let rows = g.kernelHeight, columns = g.kernelWidth
        let taps = channel.taps
        let first = taps[0], last = taps[taps.count - 1]
        let step = { (d: Int) in d > 1 ? " step \(d)" : "" }
        let kernelIndex = g.depthwise ? "" : " [:,:,\(channel.index),\(e.outChannel)]"
        let window = cells(taps.map(\.value).map(Double.init), taps)
        let kernel = cells(taps.map(\.weight).map(Double.init), nil)
        let products = cells(taps.map(\.product), taps)
        let titles = ["input channel \(channel.index), rows \(first.row)..\(last.row)\(step(g.dilationY)), "
                        + "columns \(first.column)..\(last.column)\(step(g.dilationX))",
                      "kernel\(kernelIndex)", "products"]
        let tables = [window, kernel, products].map { table($0, rows: rows, columns: columns) }
        var out: [String]
        let widths = tables.map { $0.width }
        if widths.reduce(0, +) + 14 <= width {
            let widths = zip(widths, titles).map { max($0, $1.count) }
            out = [zip(titles, widths).map { pad($0, $1) }.joined(separator: "       ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)]
            for r in 0..<rows {
                let (times, equals) = r == rows / 2 ? ("   ×   ", "   =   ") : ("       ", "       ")
                out.append(zip(tables.map { $0.lines[r] }, widths).enumerated().map { i, item in
                    pad(item.0, item.1, visible: tables[i].visible[r]) + (i == 0 ? times : i == 1 ? equals : "")
                }.joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            }
        } else {
            out = zip(titles, tables).flatMap { [$0] + $1.lines.map { "  " + $0 } }
        }
        if e.channels.count > 1 { out.append("partial sum \(number(channel.sum))") }
        return out
    }

    // MARK: - Cells

    /// Cell texts (`KernelTable.format`), padding taps in parentheses when `taps` is given.
    private func cells(_ values: [Double], _ taps: [ConvExplanation.Tap]?) -> [(text: String, padding: Bool)] {
        let texts = KernelTable.format(values.map { Float($0) }, digits: digits)
        return texts.indices.map { i in
            let padding = taps?[i].isPadding ?? false
            return (padding ? "(\(texts[i]))" : texts[i], padding)
        }
    }

    /// Right-aligned rows; `visible` is each row's width without escapes.
    private func table(_ cells: [(text: String, padding: Bool)], rows: Int, columns: Int)
        -> (lines: [String], visible: [Int], width: Int) {
        let cellWidth = cells.map(\.text.count).max() ?? 0
        let lines = (0..<rows).map { r in
            (0..<columns).map { c -> String in
                let cell = cells[r * columns + c]
                let text = String(repeating: " ", count: cellWidth - cell.text.count) + cell.text
                return cell.padding && faint ? ANSI.faint + text + ANSI.reset : text
            }.joined(separator: "  ")
        }
        let width = columns * cellWidth + (columns - 1) * 2
        return (lines, Array(repeating: width, count: rows), width)
    }

    private func pad(_ text: String, _ width: Int, visible: Int? = nil) -> String {
        text + String(repeating: " ", count: max(0, width - (visible ?? text.count)))
    }

    /// A sum or product: integers exactly, else `digits` decimals.
    private func number(_ v: Double) -> String { KernelTable.format([Float(v)], digits: digits)[0] }
}
