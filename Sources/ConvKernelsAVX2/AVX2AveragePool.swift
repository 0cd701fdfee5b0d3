import ConvKernels

extension AVX2Kernels {
    /// `runAveragePool` on Lanes8 (the average pooling of `Ops.AveragePooling`).
    public static func averagePool(_ args: UnsafePointer<PoolArgs>, _ scale: Float) {
        runAveragePool(args, scale, Lanes8.self)
    }
}
