import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Report texts are stored per section id, as the report names its sections.
    @Suite struct ReportTexts {
        @Test func correctiveActionSectionsAreSavedAndOddIdsRefused() async throws {
            try await withApp { app in
                // The deviation sections carry the requirement's id, parentheses included.
                try await ReportsStore.saveText(
                    year: 2021, kind: .halvaar, section: "avvik-SP2.2(3)", text: "Tiltak: flere kommuner kontaktes.", actor: "direktorat",
                    on: app.db)
                #expect(
                    try await ReportsStore.texts(year: 2021, kind: .halvaar, on: app.db)["avvik-SP2.2(3)"]
                        == "Tiltak: flere kommuner kontaktes.")
                for bad in ["", "a b", "../x", "avvik\r\nSet-Cookie: x=1", String(repeating: "a", count: 81)] {
                    await #expect(throws: UserError.self) {
                        try await ReportsStore.saveText(
                            year: 2021, kind: .halvaar, section: bad, text: "x", actor: "direktorat", on: app.db)
                    }
                }
            }
        }
    }
}
