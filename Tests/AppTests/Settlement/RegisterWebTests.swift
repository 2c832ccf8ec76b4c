import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    @Suite struct Register {
        static let header = "fodselsnummer;sak_id;kategori;kjonn;fodselsaar;nasjonalitet;vedtaksdato;bosatt_kommune;bosatt_dato"
        static let good = [
            "01010150074;S1;mottak;m;1990;Syria;2017-01-10;0301;2017-03-01",
            "15076500565;S2;overforing;k;1965;Eritrea;2017-02-10;1201;2017-05-01",
        ]

        @Test func importIsAllOrNothingAndPseudonymised() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let bad = ([Self.header] + Self.good + ["01010150075;S3;mottak;m;1990;Syria;2017-01-10;0301;2017-03-01"]).joined(
                    separator: "\n")
                let rejected = try await c.send(.POST, "/api/v1/registers/settlement/persons", raw: bad)
                #expect(rejected.status == .unprocessableEntity && rejected.body.contains("linje 4"))
                #expect(!rejected.body.contains("01010150075"))
                #expect(try await SettlementStore.load(on: app.db).persons.isEmpty)
                let skipped = try await c.send(.POST, "/api/v1/registers/settlement/persons?skipInvalid=true", raw: bad)
                #expect(skipped.status == .created && skipped.body.contains("\"imported\":2"))
                let stored = try await SettlementStore.load(on: app.db).persons
                #expect(stored.count == 2)
                #expect(stored.allSatisfy { $0.personId.hasPrefix("p") && !$0.personId.contains("0101015") })
                // Importing the same people again replaces them.
                _ = try await c.send(
                    .POST, "/api/v1/registers/settlement/persons", raw: ([Self.header] + Self.good).joined(separator: "\n"))
                #expect(try await SettlementStore.load(on: app.db).persons.count == 2)
            }
        }

        @Test func municipalitiesSeeOnlyTheirOwnAndReadsAreLogged() async throws {
            try await withApp { app in
                try await seedDemo(app)
                _ = try await SettlementImport.run(
                    ([Self.header] + Self.good).joined(separator: "\n"), skipInvalid: false, dryRun: false, actor: "t", app: app, db: app.db
                )
                let persons = try await SettlementStore.load(on: app.db).persons
                let oslo = try #require(persons.first { $0.settledKommune == "0301" })
                let bergen = try #require(persons.first { $0.settledKommune == "1201" })
                let k = Client(app)
                try await k.login("kommune", "demo-kommune")  // 0301
                let list = try await k.get("/register/bosetting")
                #expect(list.body.contains(oslo.personId) && !list.body.contains(bergen.personId))
                #expect(try await k.get("/register/bosetting/person/\(oslo.personId)").status == .ok)
                #expect(try await k.get("/register/bosetting/person/\(bergen.personId)").status == .notFound)
                let reads = try await AuditEntryModel.query(on: app.db).filter(\.$action == "les person").all()
                #expect(reads.count == 1 && reads[0].actor == "kommune" && reads[0].entityId == oslo.personId)
                // The directorate edits; a municipality cannot.
                let d = Client(app)
                try await d.login("direktorat", "demo-direktorat")
                _ = try await d.get("/register/bosetting/person/\(bergen.personId)")
                let invalid = try await d.send(
                    .POST, "/register/bosetting/person/\(bergen.personId)", form: ["settledKommune": "9998", "settledDate": "2017-05-02"])
                #expect(invalid.status == .unprocessableEntity && invalid.body.contains("fantes ikke"))
                let ok = try await d.send(
                    .POST, "/register/bosetting/person/\(bergen.personId)", form: ["settledKommune": "1201", "settledDate": "2017-06-02"])
                #expect(ok.status == .seeOther)
                #expect(
                    try await SettlementStore.load(on: app.db).persons.first { $0.personId == bergen.personId }?.settledDay
                        == CivilDate(iso: "2017-06-02")!.dayNumber)
                _ = try await k.get("/register/bosetting")
                #expect(
                    try await k.send(.POST, "/register/bosetting/person/\(oslo.personId)", form: ["settledKommune": "0301"]).status
                        == .forbidden)
            }
        }
    }
}

extension AppSuite {
    @Suite struct Audit {
        @Test func everyWriteIsInTheLogAndExportable() async throws {
            try await withApp { app in
                try await seedDemo(app)
                let d = Client(app)
                try await d.login("direktorat", "demo-direktorat")
                _ = try await d.get("/aar/2021/oppdrag/2021-06")
                _ = try await d.send(
                    .POST, "/aar/2021/oppdrag/2021-06/status", form: ["status": "pågår", "note": "Startet", "date": "2021-03-01"])
                let page = try await d.get("/revisjonslogg?handling=status")
                #expect(page.status == .ok && page.body.contains("2021/2021-06") && page.body.contains("pågår: Startet"))
                let csv = try await d.get("/revisjonslogg?handling=status&format=csv")
                #expect(csv.headers.contentType?.subType == "csv" && csv.body.contains("\"direktorat\";\"status\""))
                let k = Client(app)
                try await k.login("kommune", "demo-kommune")
                #expect(try await k.get("/revisjonslogg").status == .forbidden)
            }
        }
    }
}
