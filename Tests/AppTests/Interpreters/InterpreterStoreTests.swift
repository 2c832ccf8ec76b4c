import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// The interpreter register extract: stored whole or not at all, and the 2017 figures from it.
    @Suite struct Interpreters {
        @Test func extractReplacesTheRegisterAllOrNothing() async throws {
            try await withApp { app in
                try await seedDemo(app)
                #expect(
                    InterpreterFigures.compute(try await InterpretersStore.entries(on: app.db), year: 2017).interpretersInRegister == 1822
                )
                let bad = "tolk_id;kjonn;sprak;kategori;registrert\nT1;k;arabisk;A;2020-01-01\nT2;k;somali;Z;2020-01-01\n"
                await #expect(throws: UserError.self) {
                    _ = try await InterpretersStore.importFile(bad, source: "feil.csv", actor: "test", dryRun: false, on: app.db)
                }
                #expect(try await InterpretersStore.entries(on: app.db).count == InterpreterDemo.entries().count)
                let good = "tolk_id;kjonn;sprak;kategori;registrert;statsautorisert\nT1;k;arabisk;A;2020-01-01;ja\n"
                #expect(try await InterpretersStore.importFile(good, source: "ny.csv", actor: "test", dryRun: false, on: app.db) == 1)
                let k = InterpreterFigures.compute(try await InterpretersStore.entries(on: app.db), year: 2021)
                #expect(
                    k.interpretersInRegister == 1 && k.interpretersTopCategoriesShare == 100 && k.interpretersStateAuthorised == 1)
            }
        }
    }
}
