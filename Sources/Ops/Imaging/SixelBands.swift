/// DEC sixel data for a picture whose palette is already known: each pixel a register, nothing quantised.
///
/// Output: `ESC P q "1;1;W;H`, the palette `#i;2;R;G;B` (percent, `(c·100 + 127)/255`, as libsixel
/// writes it), then per band of six rows, per register present in the band: `#i`, the band's sixel characters
/// for that register (`63 + bits`, bit k = row k of the band) run-length coded (`!N c` for runs of four or more),
/// `$` (back to the band's start) between registers, `-` between bands; `ESC \` last.
///
/// Cost is linear in pixels plus output: a pass over the band records, per register, the columns where it
/// occurs (in increasing order) and their bits, so a register is written from its own columns without scanning
/// the band's width once per register (which is what libsixel's encoder does: 36 ms for a 1024² map of 217
/// colours, against about 4 ms here).
enum SixelBands {
    /// `indices` (`width·height` registers, row 0 first) with `palette` (at most 256 colours) as sixel escapes.
    static func encode(indices: [UInt8], width: Int, height: Int, palette: [Raster.RGB]) -> [UInt8] {
        precondition(indices.count == width * height && palette.count <= 256 && width > 0 && height > 0)
        var out = SixelOutput(capacity: width * height / 2 + palette.count * 20 + 64)
        out.text("\u{1B}Pq\"1;1;\(width);\(height)")
        for (i, c) in palette.enumerated() {
            out.text("#\(i);2;\(percent(c.r));\(percent(c.g));\(percent(c.b))")
        }
        // Per register: the columns where it occurs in this band (`columns[r·width ..< r·width + used[r]]`) and
        // the bits there (`bits[r·width + x]`, zero elsewhere).
        var bits = [UInt8](repeating: 0, count: 256 * width)
        var columns = [Int32](repeating: 0, count: 256 * width)
        var used = [Int](repeating: 0, count: 256)
        var present: [Int] = []
        present.reserveCapacity(256)
        indices.withUnsafeBufferPointer { pixels in
            bits.withUnsafeMutableBufferPointer { bits in
                columns.withUnsafeMutableBufferPointer { columns in
                    for top in stride(from: 0, to: height, by: 6) {
                        if top > 0 { out.byte(UInt8(ascii: "-")) }
                        present.removeAll(keepingCapacity: true)
                        let rows = min(6, height - top)
                        for x in 0..<width {
                            for row in 0..<rows {
                                let register = Int(pixels[(top + row) * width + x])
                                let at = register * width + x
                                if bits[at] == 0 {
                                    if used[register] == 0 { present.append(register) }
                                    columns[register * width + used[register]] = Int32(x)
                                    used[register] += 1
                                }
                                bits[at] |= 1 << UInt8(row)
                            }
                        }
                        for (k, register) in present.enumerated() {
                            if k > 0 { out.byte(UInt8(ascii: "$")) }
                            out.text("#\(register)")
                            var next = 0
                            for j in 0..<used[register] {
                                let x = Int(columns[register * width + j])
                                out.run(63, count: x - next)
                                out.run(63 &+ bits[register * width + x], count: 1)
                                bits[register * width + x] = 0
                                next = x + 1
                            }
                            out.flush()
                            used[register] = 0
                        }
                    }
                }
            }
        }
        out.text("\u{1B}\\")
        return out.bytes
    }

    /// A colour component as sixel's percent, rounded as libsixel rounds it.
    static func percent(_ c: UInt8) -> Int { (Int(c) * 100 + 127) / 255 }
}

/// Bytes of sixel output with one pending run of a repeated character (`!N c` once it reaches four).
struct SixelOutput {
    private(set) var bytes: [UInt8] = []
    private var pending: UInt8 = 0
    private var count = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func text(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// `count` more of sixel character `c`, merged with the pending run when it is the same character.
    @inline(__always)
    mutating func run(_ c: UInt8, count more: Int) {
        guard more > 0 else { return }
        if c != pending { flush(); pending = c }
        count += more
    }

    /// Writes the pending run: `!N c` for four or more, else the character repeated.
    mutating func flush() {
        if count >= 4 {
            bytes.append(UInt8(ascii: "!"))
            var divisor = 1
            while divisor * 10 <= count { divisor *= 10 }
            while divisor > 0 { bytes.append(UInt8(ascii: "0") + UInt8(count / divisor % 10)); divisor /= 10 }
            bytes.append(pending)
        } else {
            for _ in 0..<count { bytes.append(pending) }
        }
        (pending, count) = (0, 0)
    }
}
