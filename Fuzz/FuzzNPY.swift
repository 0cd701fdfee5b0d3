// libFuzzer entry point for the .npy decoder.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    fuzzDecode { _ = try NPY.decode(bytes) }
    return 0
}
