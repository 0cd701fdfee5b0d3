/// `show X [digits=N]`: a kernel or small matrix as an aligned text table.
struct Show: Op {
    let name = "show"
    let summary = "show a kernel or small matrix as a table"
    let parameters = [Parameter("X", .tensor)]
    let options = [OptionSpec("digits", "N")]
    let producesTensor = false
    let details = """
        A [kh,kw] kernel or matrix (up to 16x16) prints as a table rounded to digits=N decimals (default 2;
        integers stay exact). A [kh,kw,Cin,Cout] bank prints one [:,:,cin,cout] slice at a time.
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Tensor? {
        let x = try arguments.tensor(1)
        let digits = try arguments.integerOption("digits", default: 2, in: 0...8)
        guard KernelTable.fits(x.shape) else {
            throw OpError.argument(name, 1, "\(Tensor.describe(x.shape)) is not a matrix or kernel of up to "
                + "\(KernelTable.maxSide)x\(KernelTable.maxSide)")
        }
        context.print(KernelTable.render(x, digits: digits))
        return nil
    }
}
