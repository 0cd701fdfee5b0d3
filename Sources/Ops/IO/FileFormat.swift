import Foundation

/// The file formats `load` and `save` know: recognised by content on load, chosen by extension on save.
public enum FileFormat: String, CaseIterable, Sendable {
    case npy, jpeg, png, netpbm

    /// The format whose magic bytes begin `bytes`, or nil; throws for a Netpbm kind that is not read.
    public static func detect(_ bytes: [UInt8]) throws -> FileFormat? {
        if bytes.starts(with: NPY.magic) { return .npy }
        if bytes.starts(with: JPEG.magic) { return .jpeg }
        if bytes.starts(with: PNG.magic) { return .png }
        if try Netpbm.kind(bytes) != nil { return .netpbm }
        return nil
    }

    /// One line on what `bytes` are, for a file no decoder takes: "empty", "a GIF image", "text", ...
    public static func describeUnknown(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "the file is empty" }
        func starts(_ text: String) -> Bool { bytes.starts(with: Array(text.utf8)) }
        let known: String?
        switch true {
        case starts("GIF8"): known = "a GIF image"
        case starts("BM"): known = "a BMP image"
        case starts("II*\u{0}"), starts("MM\u{0}*"): known = "a TIFF image"
        case starts("RIFF") && bytes.count >= 12 && Array(bytes[8..<12]) == Array("WEBP".utf8): known = "a WebP image"
        case bytes.count >= 12 && Array(bytes[4..<8]) == Array("ftyp".utf8): known = "an HEIC/AVIF/MP4 file"
        case starts("%PDF"): known = "a PDF document"
        case starts("PK\u{3}\u{4}"): known = "a ZIP archive (an .npz? save each array with np.save)"
        case bytes.starts(with: [0x1F, 0x8B]): known = "a gzip file (decompress it first)"
        case bytes.starts(with: [0xFF, 0xD8]): known = "a damaged JPEG (no marker after the start of image)"
        case bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]): known = "a damaged PNG (its signature is cut or altered)"
        default: known = nil
        }
        if let known { return "it is \(known), which load does not read" }
        let sample = bytes.prefix(512)
        if sample.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (0x20...0x7E).contains($0) || $0 >= 0x80 }) {
            return "it is text, not an image or array"
        }
        return "unrecognised content (not JPEG, PNG, PGM/PPM or NPY)"
    }

    /// The format a file name's extension asks for when saving, or nil.
    public static func forSaving(_ path: String) -> FileFormat? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "npy": return .npy
        case "jpg", "jpeg": return .jpeg
        case "png": return .png
        case "pgm", "ppm", "pnm": return .netpbm
        default: return nil
        }
    }

    /// Extensions accepted by `save`, for messages.
    public static let saveExtensions = ".npy, .png, .jpg, .pgm, .ppm"

    /// The name used in messages.
    public var title: String {
        switch self {
        case .npy: return ".npy"
        case .jpeg: return "JPEG"
        case .png: return "PNG"
        case .netpbm: return "Netpbm"
        }
    }

    /// Reads `path` whole, naming the file in every error; refuses devices and sockets, caps FIFOs
    /// (`InputFile`).
    public static func read(_ path: String) throws -> [UInt8] { try InputFile(path).readAll() }
}
