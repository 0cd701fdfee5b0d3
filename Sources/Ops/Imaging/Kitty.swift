import Foundation

/// The kitty terminal graphics protocol (https://sw.kovidgoyal.net/kitty/graphics-protocol/).
public enum KittyGraphics {
    /// Base64 bytes per escape; the protocol allows at most 4096, a multiple of 4 except in the last chunk.
    static let chunkSize = 4096

    /// Transmits `raster` as raw 24-bit RGB (`f=24`) and displays it at its own pixel size, or scaled into
    /// `columns`×`rows` cells when given: `ESC _G a=T,f=24,s=W,v=H[,c=C,r=R],q=2,m=1;DATA ESC \`, then
    /// `ESC _G m=1,q=2;DATA ESC \` ..., the last with `m=0`. `q=2` asks the terminal not to answer, so no reply
    /// lands on the shell's input.
    public static func encode(_ raster: Raster, columns: Int? = nil, rows: Int? = nil) -> String {
        // Raster.RGB is three bytes with no padding, so the pixels are already the f=24 payload.
        let payload = raster.pixels.withUnsafeBytes { Data($0) }.base64EncodedData()
        let cells = (columns.map { ",c=\($0)" } ?? "") + (rows.map { ",r=\($0)" } ?? "")
        var out = [UInt8]()
        out.reserveCapacity(payload.count + payload.count / chunkSize * 20 + 80)
        var start = 0
        repeat {
            let end = min(start + chunkSize, payload.count)
            let more = end < payload.count ? 1 : 0
            let keys = start == 0
                ? "a=T,f=24,s=\(raster.width),v=\(raster.height)" + cells + ",q=2,m=\(more)"
                : "m=\(more),q=2"
            out += Array("\u{1B}_G\(keys);".utf8)
            out += payload[start..<end]
            out += [0x1B, 0x5C]
            start = end
        } while start < payload.count
        return String(decoding: out, as: UTF8.self)
    }
}
