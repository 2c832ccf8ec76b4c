import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Published history uploaded through the API and the page, and used where the register has
    /// no rows: the results table's earlier years and the indicators' series, each with its source.
    @Suite struct Results {
        static let shares = """
            year,region,measure,value,status
            2014,0,share_settled_within_6m,49,
            2015,0,share_settled_within_6m,51,
            2016,0,share_settled_within_6m,81,
            2016,0,bosatt,15291,
            """

        @Test func resultsTableTakesEarlierYearsFromImportedHistory() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2017...2017)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let imported = try await c.send(.POST, "/api/v1/history?name=arsrapport-2017.csv", raw: Self.shares)
                #expect(imported.status == .created && imported.body.contains("\"figures\":4"))

                let api = try await Client(app).send(.GET, "/api/v1/years/2017/results")
                #expect(api.status == .ok)
                struct Table: Decodable { let rows: [ResultRow] }
                let table = try JSONDecoder().decode(Table.self, from: Data(api.body.utf8))
                let sp1 = try #require(table.rows.first { $0.id == "SP 1" })
                #expect(sp1.results["2014"] == 49 && sp1.results["2016"] == 81)
                #expect(sp1.sources["2015"]?.hasPrefix("arsrapport-2017.csv (importert ") == true)
                #expect(sp1.sources["2017"] == IndicatorSeries.registerSource && sp1.results["2017"] != nil)
                #expect(sp1.comment.hasPrefix("Det ble bosatt "))

                let page = try await Client(app).send(.GET, "/aar/2017/resultatkrav")
                #expect(page.status == .ok && page.body.contains("Resultat 2014") && page.body.contains("imported-mark"))

                let indicators = try await c.send(.GET, "/api/v1/indicators?year=2017")
                struct Out: Decodable { let series: [String: [SeriesPoint]] }
                let series = try JSONDecoder().decode(Out.self, from: Data(indicators.body.utf8)).series
                let settled = try #require(series["settled_total"])
                // The demo's generated history covers 2014–2016; the file's own national total wins for 2016.
                #expect(settled.map(\.year) == [2014, 2015, 2016, 2017])
                #expect(settled[2].value == 15291 && settled[2].imported && !settled[3].imported)
                #expect(settled[0].source.hasPrefix("demo-bosatt_anmodede-2014-2016.csv"))
            }
        }

        /// The proposals page needs the year's letter: a year known only from its annual report
        /// (2017) does not link to it (the link answered 404), a year with a letter does.
        @Test func targetDraftIsLinkedOnlyWhereTheLetterIsStored() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2017...2017, qualificationScale: 0.01)
                let c = Client(app)
                let (user, password) = try #require(demoLogin[.directorate])
                try await c.login(user, password)
                let without = try await c.send(.GET, "/aar/2017/resultatkrav")
                #expect(without.status == .ok && !without.body.contains("resultatkrav/forslag"))
                #expect(try await c.send(.GET, "/aar/2017/resultatkrav/forslag").status == .notFound)
                let with = try await c.send(.GET, "/aar/2021/resultatkrav")
                #expect(with.body.contains("href=\"/aar/2021/resultatkrav/forslag\""))
                #expect(try await c.send(.GET, "/aar/2021/resultatkrav/forslag").status == .ok)
                let ministry = Client(app)
                let (m, mp) = try #require(demoLogin[.ministry])
                try await ministry.login(m, mp)
                #expect(try await ministry.send(.GET, "/aar/2021/resultatkrav").body.contains("resultatkrav/forslag"))
            }
        }

        @Test func aBadHistoryFileNamesTheRowAndStoresNothing() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2017...2017)
                let c = Client(app)
                c.bearer = try await Users.newToken(username: "direktorat", on: app.db)
                let bad = try await c.send(
                    .POST, "/api/v1/history?name=feil.csv", raw: "year,region,measure,value,status\n2016,0,bosatt,mange,\n")
                #expect(bad.status == .unprocessableEntity && bad.body.contains("linje 2"))
                let before = try await HistoryStore.imports(on: app.db).count
                #expect(before == 1)  // the demo's own history
                c.bearer = try await Users.newToken(username: "departement", on: app.db)
                #expect(try await c.send(.POST, "/api/v1/history", raw: Self.shares).status == .forbidden)
                #expect(try await HistoryStore.imports(on: app.db).count == before)
            }
        }

        @Test func directorateUploadsAFileOnThePage() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2017...2017)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                _ = try await c.send(.GET, "/statistikk/historikk")
                let boundary = "styrtest"
                var body = ""
                for (name, value) in [("csrf", c.csrf ?? ""), ("format", "long")] {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
                }
                body +=
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"andeler.csv\"\r\nContent-Type: text/csv\r\n\r\n\(Self.shares)\r\n--\(boundary)--\r\n"
                let res = try await c.send(.POST, "/statistikk/historikk", multipart: body, boundary: boundary)
                #expect(res.status == .ok && res.body.contains("andeler.csv: long, 4 tall"))
                #expect(try await HistoryStore.imports(on: app.db).first?.title == "andeler.csv")
                let list = try await Client(app).send(.GET, "/statistikk/historikk")
                #expect(list.body.contains("andeler.csv") && !list.body.contains("enctype=\"multipart/form-data\""))
            }
        }
    }
}
