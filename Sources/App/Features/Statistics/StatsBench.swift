import Foundation
import StyrCore
import Vapor

/// `styr bench stats --persons N`: builds a register of about N persons, computes every settlement
/// table (16–24) for every year, both periods and every unit (country, counties, municipalities),
/// and runs the same aggregations in DuckDB on the same rows in the same run.
enum StatsBench {
    struct Result: Encodable {
        let persons: Int
        let tables: Int
        let cells: Int
        let styr_s: Double
        let styr_cube_s: Double
        let duckdb_s: Double
        let ratio: Double
        let goal: String
        /// The other appendix tables (1A–15, 25–32) from NIR and the other registers.
        let nir_persons: Int
        let appendix_tables: Int
        let appendix_s: Double
        let appendix_duckdb_s: Double
        let appendix_ratio: Double
    }

    static func run(_ app: Application, persons: Int, seed: Int) async throws {
        let geography = app.geography
        let fullSize = 162_714.0
        let register = SettlementGenerator(seed: UInt64(seed), geography: geography).generate(
            from: 2014, to: 2024, scale: Double(persons) / fullSize)
        printErr("Register: \(register.persons.count) personer, \(register.requests.count) anmodninger.")
        let years = 2014...2024
        var tables = 0
        var cells = 0
        var cubeSeconds = 0.0
        var best = Double.infinity
        for _ in 0..<3 {
            let clock = ContinuousClock()
            let start = clock.now
            let cube = SettlementCube(register, years: years)
            let cubeTime = clock.now - start
            let built = try await SettlementTables.buildAll(cube: cube, years: years, geography: geography) { $0.cells.count }
            let seconds = (clock.now - start).seconds
            if seconds < best {
                best = seconds
                cubeSeconds = cubeTime.seconds
            }
            tables = built.tables
            cells = built.sum
        }
        printErr(
            String(
                format: "Styr: %d tabeller (alle år, begge perioder, landet, fylker og kommuner) på %.3f s (kuben %.3f s).", tables, best,
                cubeSeconds))
        let duck = try duckDB(register)
        let appendix = try await Self.appendix(app, settlement: register, nirPersons: persons, seed: seed)
        let result = Result(
            persons: register.persons.count, tables: tables, cells: cells, styr_s: best, styr_cube_s: cubeSeconds, duckdb_s: duck,
            ratio: best / duck, goal: "styr ≤ 1.0 × duckdb og under 1 s ved 300 000 personer", nir_persons: appendix.persons,
            appendix_tables: appendix.tables, appendix_s: appendix.seconds, appendix_duckdb_s: appendix.duck,
            appendix_ratio: appendix.seconds / appendix.duck)
        printErr(String(format: "DuckDB: samme aggregeringer på %.3f s. Forhold Styr/DuckDB: %.2f.", duck, result.ratio))
        try printJSONLine(result)
    }

    /// Every other appendix table for every year 2014–2024 and each period it is reported in,
    /// from registers with about `nirPersons` NIR persons; DuckDB runs the largest NIR tables'
    /// aggregations on the same rows as the baseline.
    static func appendix(_ app: Application, settlement: SettlementRegister, nirPersons: Int, seed: Int) async throws -> (
        persons: Int, tables: Int, seconds: Double, duck: Double
    ) {
        let registers = QualificationDemo.generate(
            seed: UInt64(seed), geography: app.geography, scale: Double(nirPersons) / QualificationDemo.fullSizeNIR)
        printErr("NIR: \(registers.nir.count) personer; de andre registrene i full størrelse.")
        // The columns are built once per loaded register (as DuckDB's load, not in the timed runs).
        let columnsStart = ContinuousClock.now
        _ = registers.nirColumns
        printErr(String(format: "NIR som kolonner (én gang per innlesing): %.3f s.", (ContinuousClock.now - columnsStart).seconds))
        let years = 2014...2024
        var best = Double.infinity
        var built = 0
        for _ in 0..<3 {
            let clock = ContinuousClock()
            let start = clock.now
            built = try await withThrowingTaskGroup(of: Int.self) { group in
                for year in years {
                    group.addTask {
                        var n = 0
                        for e in AppendixTables.beyondSettlement {
                            for period in e.periods {
                                _ = try AppendixTables.build(
                                    e.number, registers: registers, settlement: settlement, year: year, period: period,
                                    geography: app.geography)
                                n += 1
                            }
                        }
                        return n
                    }
                }
                return try await group.reduce(0, +)
            }
            best = min(best, (clock.now - start).seconds)
        }
        printErr(String(format: "Styr: %d tabeller fra NIR og de andre registrene (2014–2024) på %.3f s.", built, best))
        // Where the time goes: each table number over all years and periods, slowest first.
        var perTable: [(String, Double)] = []
        for e in AppendixTables.beyondSettlement {
            let clock = ContinuousClock()
            let start = clock.now
            for year in years {
                for period in e.periods {
                    _ = try AppendixTables.build(
                        e.number, registers: registers, settlement: settlement, year: year, period: period, geography: app.geography)
                }
            }
            perTable.append((e.number, (clock.now - start).seconds))
        }
        printErr(
            "Tregeste (alle år, én tråd): "
                + perTable.sorted { $0.1 > $1.1 }.prefix(8).map { String(format: "%@ %.2f s", $0.0, $0.1) }.joined(separator: ", "))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-bench-nir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try registers.csv(.nir).write(to: dir.appendingPathComponent("nir.csv"), atomically: true, encoding: .utf8)
        struct DuckDB: Decodable { let duckdb_s: Double }
        let duck = try ExternalTool.pythonScript(
            "bench_duckdb_nir.py", [dir.path, String(years.lowerBound), String(years.upperBound)], as: DuckDB.self,
            failure: "DuckDB-delen (NIR) feilet; kjør scripts/bench.sh (installerer duckdb i .venv).")
        printErr(String(format: "DuckDB: de største NIR-tabellenes aggregeringer på %.3f s.", duck.duckdb_s))
        return (registers.nir.count, built, best, duck.duckdb_s)
    }

    /// Writes the rows as CSV and runs scripts/bench_duckdb.py with the project's Python.
    static func duckDB(_ register: SettlementRegister) throws -> Double {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("styr-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func iso(_ d: Int?) -> String { d.map { CivilDate(dayNumber: $0).iso } ?? "" }
        var csv = "person_id,category,grp,bufetat,birth_year,self_settled,limited,permit,ready,settled,kommune\n"
        csv.reserveCapacity(register.persons.count * 90)
        for p in register.persons {
            let grp = p.unaccompaniedMinor ? 0 : p.familyWithChildren ? 1 : 2
            csv += "\(p.personId),\(p.category.rawValue),\(grp),\(p.settledByBufetat),\(p.birthYear),\(p.selfSettled),\(p.limitedPermit),"
            csv += "\(iso(p.permitDay)),\(iso(p.readyDay)),\(iso(p.settledDay)),\(p.settledKommune ?? "")\n"
        }
        try csv.write(to: dir.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        var req = "year,kommune,requested,decided\n"
        for r in register.requests { req += "\(r.year),\(r.kommune),\(r.requested),\(r.decided.map(String.init) ?? "")\n" }
        try req.write(to: dir.appendingPathComponent("requests.csv"), atomically: true, encoding: .utf8)
        struct DuckDB: Decodable { let duckdb_s: Double }
        let seconds = try ExternalTool.pythonScript(
            "bench_duckdb.py", [dir.path], as: DuckDB.self,
            failure: "DuckDB-delen feilet; kjør scripts/bench.sh (installerer duckdb i .venv)."
        )
        .duckdb_s
        return seconds
    }
}
