// libFuzzer entry point for the .npy decoder.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? NPY.decode(fuzzInput(data, size))
    return 0
}
