import Foundation
import Ops

/// Runs `body` with `Limits.maxPixels` lowered to at most `pixels`, then restores it; one such test at a time.
///
/// NOTE: Swift Testing runs tests in parallel and the cap is global: keep `pixels` above every image another test
/// loads (4 megapixels is), and lower it only through here, so that two tests cannot restore each other's cap.
public func withMaxPixels<T>(_ pixels: Int, _ body: () throws -> T) rethrows -> T {
    capLock.lock()
    defer { capLock.unlock() }
    let saved = Limits.maxPixels
    Limits.maxPixels = min(saved, pixels)
    defer { Limits.maxPixels = saved }
    return try body()
}

private let capLock = NSLock()
