import Vapor

/// Registers Styr's subcommands next to Vapor's `serve` and Fluent's `migrate`.
func registerCommands(_ app: Application) {
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(FristerCommand(), as: "frister")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(RoutesCommand(), as: "routes")
    app.asyncCommands.use(BenchCommand(), as: "bench")
    app.asyncCommands.use(DemoDataCommand(), as: "demo-data")
    app.asyncCommands.use(IndicatorsCommand(), as: "indicators")
    app.asyncCommands.use(StatsCommand(), as: "stats")
    app.asyncCommands.use(RegisterCommand(), as: "register")
    app.asyncCommands.use(HistoryCommand(), as: "history")
    app.asyncCommands.use(ReportCommand(), as: "report")
    app.asyncCommands.use(MatchCommand(), as: "match")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(AccountsCommand(), as: "accounts")
    app.asyncCommands.use(FullmakterCommand(), as: "fullmakter")
    app.asyncCommands.use(LetterCommand(), as: "letter")
}

/// Reads a text file given on the command line (UTF-8, else Latin-1).
func readTextFile(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw UserError(.notFound, "Fant ikke filen \(path).", field: "file")
    }
    guard let text = TextExtraction.decodeText(data) else { throw UserError(.badRequest, TextExtraction.notText, field: "file") }
    return text
}

/// Writes to standard error (progress and summaries), keeping stdout for data.
func printErr(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

func printOut(_ s: String) {
    FileHandle.standardOutput.write(Data((s + "\n").utf8))
}

/// One JSON object on one line (sorted keys): the last line of every benchmark.
func printJSONLine(_ value: some Encodable) throws {
    let enc = JSONEncoder()
    enc.outputFormatting = [.sortedKeys]
    printOut(String(decoding: try enc.encode(value), as: UTF8.self))
}

func prettyJSON(_ value: some Encodable) throws -> String {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try enc.encode(value), as: UTF8.self)
}
