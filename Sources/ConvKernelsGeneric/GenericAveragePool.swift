import ConvKernels

extension GenericKernels {
    /// `runAveragePool` on Lanes4 (the average pooling of `Ops.AveragePooling`).
    public static func averagePool(_ args: UnsafePointer<PoolArgs>, _ scale: Float) {
        runAveragePool(args, scale, Lanes4.self)
    }
}
