import StyrCore
import Testing

@testable import App

extension AppSuite {
    /// An assignment carried over into the next year keeps its number, original deadlines and
    /// status history: 2020-021 is followed in 2021 (issue 25, item 4).
    @Suite struct CarriedOver {
        @Test func carriedOverAssignmentShowsWhereItWasGivenItsDeadlinesAndEarlierNotes() async throws {
            try await withApp(today: CivilDate(year: 2021, month: 3, day: 1)) { app in
                try await seedDemo(app)
                let c = Client(app)
                try await c.login("direktorat", "demo-direktorat")
                _ = try await c.get("/aar/2020/oppdrag/2020-021")
                let saved = try await c.submit(
                    "/aar/2020/oppdrag/2020-021/status",
                    form: ["status": "pågår", "note": "Veileder sendt på høring", "date": "2020-11-15"])
                #expect(saved.status == .ok && saved.body.contains("Statusen er lagret"))

                let page = try await c.get("/aar/2021/oppdrag/2020-021")
                #expect(page.status == .ok)
                for needle in ["Gitt i 2020", "href=\"/aar/2020/oppdrag/2020-021\"", "24.06.2020", "Veileder sendt på høring"] {
                    #expect(page.body.contains(needle), "/aar/2021/oppdrag/2020-021 mangler «\(needle)»")
                }
                // The year's own assignments have no origin section.
                let own = try await c.get("/aar/2021/oppdrag/2021-04")
                #expect(!own.body.contains("id=\"opprinnelig\""))
            }
        }
    }
}
