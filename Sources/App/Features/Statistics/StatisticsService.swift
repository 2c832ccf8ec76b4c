import Foundation
import StyrCore
import Vapor

/// Builds published or internal statistics tables for any unit, used by the CLI, pages and API.
enum StatisticsService {
    /// Counts below this are suppressed in published tables (publishing.md).
    static let publicThreshold = 4

    static func unitLabel(_ unit: StatUnit, year: Int, geography: Geography) -> String {
        let division = geography.division(for: year)
        switch unit {
        case .national: return "Hele landet"
        case .county(let c): return division.counties.first { $0.code == c }.map { "\($0.name) (\(c))" } ?? "Fylke \(c)"
        case .municipality(let k): return division.municipality(k).map { "\($0.name) (\(k))" } ?? "Kommune \(k)"
        case .municipalities(let set): return set.sorted().compactMap { division.municipality($0)?.name }.joined(separator: ", ")
        }
    }

    /// Where tables come from: the settlement register and its cube (16–24), the other registers
    /// (loaded only when a table needs them).
    struct Sources: Sendable {
        let settlement: SettlementRegister
        let cube: @Sendable () async throws -> SettlementCube
        let registers: @Sendable () async throws -> QualificationRegisters
    }

    /// Any table of the statistics appendix (1A … 32).
    static func table(
        _ number: String, sources: Sources, year: Int, half: Bool, unit: StatUnit, publicVersion: Bool, threshold: Int,
        geography: Geography
    ) async throws -> StatTable {
        if SettlementTables.numbers.contains(number) {
            return try table(
                number, cube: try await sources.cube(), year: year, half: half, unit: unit, publicVersion: publicVersion,
                threshold: threshold,
                geography: geography)
        }
        do {
            guard AppendixTables.entry(number) != nil else { throw AppendixTables.TableError.unknown(number) }
            if unit != .national { throw AppendixTables.TableError.nationalOnly(number) }
            let t = try AppendixTables.build(
                number, registers: try await sources.registers(), settlement: sources.settlement, year: year, period: half ? .half : .year,
                geography: geography)
            return publicVersion ? DisclosureControl(threshold: threshold).apply(t) : t
        } catch let e as AppendixTables.TableError {
            switch e {
            case .unknown: throw UserError(.notFound, e.description, field: "number")
            case .notLoaded: throw UserError(.conflict, e.description, field: "number")
            default: throw UserError(.badRequest, e.description, field: e == .nationalOnly(number) ? "unit" : "half")
            }
        }
    }

    /// A settlement table (16–24) from the cube.
    static func table(
        _ number: String, cube: SettlementCube, year: Int, half: Bool, unit: StatUnit, publicVersion: Bool, threshold: Int,
        geography: Geography
    ) throws -> StatTable {
        do {
            if case .county(let c) = unit, !geography.division(for: year).counties.contains(where: { $0.code == c }) {
                throw UserError(.badRequest, "Fylke \(c) fantes ikke i \(year).", field: "unit")
            }
            if case .municipality(let k) = unit, geography.division(for: year).municipality(k) == nil {
                throw UserError(.badRequest, "Kommune \(k) fantes ikke i \(year).", field: "unit")
            }
            let t = try SettlementTables.build(
                number, cube: cube, year: year, period: half ? .half : .year, unit: unit,
                unitLabel: unitLabel(unit, year: year, geography: geography), geography: geography)
            return publicVersion ? DisclosureControl(threshold: threshold).apply(t) : t
        } catch let e as SettlementTables.TableError {
            throw UserError(.notFound, e.description, field: "number")
        }
    }

    static func updated() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date())
    }

    /// A self-contained HTML table for `styr stats table --format html`.
    static func standaloneHTML(_ t: StatTable) -> String {
        let p = StatRendering.pivot(t)
        var h =
            "<!doctype html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Tabell \(HTML.escape(t.number))</title></head><body>\n"
        h +=
            "<table>\n<caption>Tabell \(HTML.escape(t.number)): \(HTML.escape(t.title)) – \(HTML.escape(t.unitLabel)), \(t.period == .half ? "1. halvår " : "")\(t.year)</caption>\n<thead><tr>"
        h +=
            p.rowHeaders.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
            + p.columns.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        h += "</tr></thead>\n<tbody>\n"
        for r in p.rows {
            h +=
                "<tr>" + r.headers.map { "<th scope=\"row\">\(HTML.escape($0))</th>" }.joined()
                + r.cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        h += "</tbody></table>\n"
        for n in t.notes { h += "<p>\(HTML.escape(n))</p>\n" }
        return h + "<p>Kilde: \(HTML.escape(t.source))</p></body></html>"
    }
}
