import Foundation

/// Where `swift build` put the convsh binary and the plugin libraries: beside the test bundle.
enum Products {
    static let folder: URL = {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }()

    static var convsh: String { folder.appendingPathComponent("convsh").path }

    /// `lib<NAME>.so` (`.dylib` on macOS).
    static func library(_ name: String) -> String {
        #if os(macOS)
        folder.appendingPathComponent("lib\(name).dylib").path
        #else
        folder.appendingPathComponent("lib\(name).so").path
        #endif
    }
}
