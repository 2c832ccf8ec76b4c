import Foundation

/// Runs a program found on PATH (pg_dump, psql, pdftotext, python …) and collects its output.
/// Output goes through temporary files, so a chatty tool can never block on a full pipe.
struct ExternalTool {
    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: String
    }

    /// Runs `arguments` (the first is the program). Throws only when the program cannot be started.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("styr-tool-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout")
        let errURL = dir.appendingPathComponent("stderr")
        guard fm.createFile(atPath: outURL.path, contents: nil), fm.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: dir.path])
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        // `env` answers 127 when the program is missing.
        if process.terminationStatus == 127 && stderr.contains("No such file") {
            throw CocoaError(.executableNotLoadable, userInfo: [NSFilePathErrorKey: arguments[0]])
        }
        return Output(status: process.terminationStatus, stdout: (try? Data(contentsOf: outURL)) ?? Data(), stderr: stderr)
    }

    /// Runs one of the project's Python scripts (`scripts/NAME`, with the `.venv` interpreter when
    /// set up) and decodes the JSON object on the last line it prints.
    static func pythonScript<T: Decodable>(_ name: String, _ arguments: [String], as: T.Type, failure: String) throws -> T {
        let root = Settings.locateRoot()
        let venv = root + "/.venv/bin/python"
        let python = FileManager.default.fileExists(atPath: venv) ? venv : "python3"
        let out: Output
        do { out = try run([python, root + "/scripts/" + name] + arguments) } catch { throw UserError(.internalServerError, failure) }
        guard out.status == 0, let line = String(decoding: out.stdout, as: UTF8.self).split(separator: "\n").last,
            let value = try? JSONDecoder().decode(T.self, from: Data(line.utf8))
        else { throw UserError(.internalServerError, "\(failure) \(out.stderr.suffix(300))") }
        return value
    }
}
