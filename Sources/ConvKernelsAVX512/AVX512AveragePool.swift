import ConvKernels

extension AVX512Kernels {
    /// `runAveragePool` on Lanes16 (the average pooling of `Ops.AveragePooling`).
    public static func averagePool(_ args: UnsafePointer<PoolArgs>, _ scale: Float) {
        runAveragePool(args, scale, Lanes16.self)
    }
}
