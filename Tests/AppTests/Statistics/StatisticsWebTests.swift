import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    @Suite struct Statistics {
        @Test func keyFiguresAndIndicatorsFromTheStoredRegister() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2016...2018)
                let c = Client(app)
                let k = try await c.get("/api/v1/stats/hovedtall?year=2017")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(k.body.utf8)) as? [String: Any])
                #expect(json["settled_total"] as? Int == 11_078 && json["waiting_in_reception_year_end"] as? Int == 1_045)
                // NIR is not loaded in this test: its keys are there, and null.
                #expect(json.keys.contains("intro_started_during_year") && json["intro_started_during_year"] is NSNull)
                let i = try await c.get("/api/v1/indicators?year=2017")
                let ind = try #require(try JSONSerialization.jsonObject(with: Data(i.body.utf8)) as? [String: Any])
                let values = try #require(ind["values"] as? [String: Any])
                #expect(((values["share_settled_within_6m"] as? Double) ?? 0).rounded() == 76)
                let page = try await c.get("/statistikk/indikatorer?aar=2017")
                #expect(page.status == .ok && page.body.contains("<svg") && page.body.contains("Mål 90 %"))
                #expect(page.body.contains("sist lastet"))
            }
        }

        @Test func whoSeesSmallCounts() async throws {
            try await withApp { app in
                try await seedDemo(app, settlementYears: 2016...2018)
                // A municipality with few settled persons.
                let register = try await SettlementStore.load(on: app.db)
                let counts = Dictionary(grouping: register.settled(in: 2017).compactMap(\.settledKommune), by: { $0 }).mapValues(\.count)
                let small = try #require(counts.filter { $0.value > 5 && $0.value < 40 }.keys.sorted().first)
                let path = "/statistikk/tabell/19?aar=2017&enhet=kommune:\(small)"
                let anonymous = try await Client(app).get(path)
                #expect(anonymous.body.contains("<td class=\"num\">:</td>"))
                // The unit select (written in Swift, not looped in the template) marks the chosen unit.
                #expect(anonymous.body.contains("<option value=\"kommune:\(small)\" selected>\(small) "))
                #expect(anonymous.body.contains("<option value=\"national\">Hele landet</option>"))
                let ministry = Client(app)
                try await ministry.login("departement", "demo-departement")
                #expect(!(try await ministry.get(path)).body.contains("<td class=\"num\">:</td>"))
                #expect((try await ministry.get(path + "&publisert=1")).body.contains("<td class=\"num\">:</td>"))
                // A municipality sees its own figures in full, others' published.
                let own = Client(app)
                let hasher = app.password
                _ = try await Users.add(
                    username: "k\(small)", password: "passord-kommune-\(small)", role: .municipality, kommune: small, on: app.db
                ) { try hasher.hash($0) }
                try await own.login("k\(small)", "passord-kommune-\(small)")
                #expect(!(try await own.get(path)).body.contains("<td class=\"num\">:</td>"))
                let national = try await own.get("/statistikk/tabell/16?aar=2017&publisert=0")
                #expect(national.status == .ok)
                // JSON-stat from the API: suppressed cells are null with ":".
                let api = try await Client(app).get("/api/v1/stats/tables/19?year=2017&unit=kommune:\(small)")
                let js = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
                let status = try #require(js["status"] as? [String: String])
                let values = try #require(js["value"] as? [Any])
                for (k, v) in status where v == ":" { #expect(values[Int(k)!] is NSNull) }
                #expect((try await Client(app).get("/api/v1/stats/tables/16?year=2017&unit=kommune:\(small)")).status == .notFound)
                #expect((try await Client(app).get("/api/v1/stats/tables/19?year=2017&unit=kommune:12")).status == .badRequest)
            }
        }
    }
}

@Test func htmlEscapesTextAndMarksTheSelectedOption() {
    #expect(HTML.escape(#"<a href="x">Ås & 'Bø'</a>"#) == "&lt;a href=&quot;x&quot;&gt;Ås &amp; &#39;Bø&#39;&lt;/a&gt;")
    let html = HTML.options([
        SelectOption(value: "a", label: "A & B", selected: false), SelectOption(value: "b", label: "<B>", selected: true),
    ])
    #expect(html == #"<option value="a">A &amp; B</option><option value="b" selected>&lt;B&gt;</option>"#)
}
