import Foundation
import Ops

/// `convsh --install-kernel [--user|--prefix P]`: writes the kernelspec Jupyter finds kernels by,
/// `kernels/convsh/kernel.json`, where `jupyter kernelspec install` would put it:
///
///     (default)    /usr/local/share/jupyter/kernels/convsh   (system-wide)
///     --user       $JUPYTER_DATA_DIR/kernels/convsh, else ~/.local/share/jupyter/kernels/convsh
///                  (~/Library/Jupyter/kernels/convsh on macOS)
///     --prefix P   P/share/jupyter/kernels/convsh            (a virtual environment's prefix)
///
/// `argv` starts this very binary (its resolved path) with `--jupyter {connection_file}`.
enum KernelSpec {
    static let name = "convsh"

    /// The `kernel.json` for the binary at `executable`.
    static func json(executable: String) -> [String: Any] {
        [
            "argv": [executable, "--jupyter", "{connection_file}"],
            "display_name": "ConvShell",
            "language": "convsh",
            "interrupt_mode": "signal",
            "metadata": [String: Any](),
        ]
    }

    /// The kernels folder for the choice made on the command line.
    static func kernelsFolder(user: Bool, prefix: String?,
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let prefix { return prefix + "/share/jupyter/kernels" }
        guard user else { return "/usr/local/share/jupyter/kernels" }
        if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return data + "/kernels" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        #if os(macOS)
        return home + "/Library/Jupyter/kernels"
        #else
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return dataHome + "/jupyter/kernels"
        #endif
    }

    /// Writes the kernelspec and says where; returns the exit status (1 with one line when it cannot).
    static func install(user: Bool, prefix: String?) -> Int32 {
        let folder = kernelsFolder(user: user, prefix: prefix) + "/" + name
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path else {
            Standard.error("convsh: --install-kernel: cannot tell where this convsh binary is")
            return 1
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let data = try JSONSerialization.data(withJSONObject: json(executable: executable),
                                                  options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try AtomicFile.write(Array(data) + [UInt8(ascii: "\n")], to: folder + "/kernel.json")
        } catch {
            Standard.error("convsh: --install-kernel: cannot write \(folder)/kernel.json: \(Session.message(error))")
            return 1
        }
        Standard.output("Installed the ConvShell kernel in \(folder)\n")
        return 0
    }
}
