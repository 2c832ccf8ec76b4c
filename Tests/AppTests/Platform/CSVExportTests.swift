import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Every CSV export writes user text so that a spreadsheet shows it as text, not as a formula.
    @Suite struct CSVExports {
        static let formulas = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]

        /// Every cell of a semicolon-separated file (quotes removed).
        static func cells(_ csv: String) -> [String] {
            var out: [String] = []
            var cell = ""
            var quoted = false
            var chars = Array(csv)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" {
                        if chars.first == "\"" {
                            cell.append("\"")
                            chars.removeFirst()
                        } else {
                            quoted = false
                        }
                    } else {
                        cell.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == ";" || c == "\n" || c == "\r\n" {
                    out.append(cell)
                    cell = ""
                } else {
                    cell.append(c)
                }
            }
            out.append(cell)
            return out
        }

        static func dangerous(_ cell: String) -> Bool {
            guard let first = cell.unicodeScalars.first else { return false }
            return ["=", "+", "-", "@", "\t", "\r"].contains(first) && Double(cell.replacingOccurrences(of: ",", with: ".")) == nil
        }

        @Test func theRuleInOnePlace() {
            for f in Self.formulas { #expect(CSVCell.safe(f) == "'" + f) }
            #expect(CSVCell.safe("-1200") == "-1200" && CSVCell.safe("-3,5") == "-3,5" && CSVCell.safe("Oslo") == "Oslo")
            #expect(CSVCell.safe("-") == "'-" && CSVCell.safe("") == "")
            #expect(CSVCell.quoted("=1;2") == "\"'=1;2\"")
        }

        @Test func theAuditExportNeutralisesFormulas() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: nil, qualificationScale: nil)
                for f in Self.formulas {
                    try await AuditEntryModel(actor: f, action: f, entity: "test", entityId: f, before: f, after: f).create(on: app.db)
                }
                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                let r = try await ministry.get(
                    "/revisjonslogg?format=csv&bruker=\(Self.formulas[0].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(r.status == .ok && r.headers.contentType?.subType == "csv")
                #expect(r.body.contains("HYPERLINK"))
                let all = try await ministry.get("/revisjonslogg?format=csv")
                let bad = Self.cells(all.body).filter(Self.dangerous)
                #expect(bad.isEmpty, "\(bad)")
            }
        }

        @Test func registerExtractsAndTablesNeutraliseFormulas() {
            // The register extracts' writer (`/registre/{kind}/uttrekk`) and the statistics tables' writer.
            #expect(CSVCell.quoted("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
            var t = StatTable(
                number: "T", title: "t", year: 2017, period: .year, unitLabel: "u", source: "s",
                dimensions: [StatDimension(id: "d", label: "=d", categories: [("a", "=HYPERLINK(\"x\")"), ("b", "@b")])])
            t.cells = [.count(7), .count(-3)]
            let csv = StatRendering.csv(t)
            let bad = Self.cells(csv).filter(Self.dangerous)
            #expect(bad.isEmpty, "\(bad)")
            #expect(csv.contains("-3"))
        }
    }
}
