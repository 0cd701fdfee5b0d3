import Foundation

/// Where `swift build` put the convsh binary and the plugin libraries: beside the test bundle.
public enum Products {
    public static let folder: URL = {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }()

    /// The `convsh` binary (`.build/debug/convsh` in a debug build).
    public static var convsh: URL { folder.appendingPathComponent("convsh") }

    /// `lib<NAME>.so` (`.dylib` on macOS).
    public static func library(_ name: String) -> String {
        #if os(macOS)
        folder.appendingPathComponent("lib\(name).dylib").path
        #else
        folder.appendingPathComponent("lib\(name).so").path
        #endif
    }
}
