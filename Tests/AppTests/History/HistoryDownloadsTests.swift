import Fluent
import Foundation
import StyrCore
import Testing
import Vapor

@testable import App

extension AppSuite {
    /// Downloads as published, through the store: units kept with the measures, skip-invalid.
    @Suite struct HistoryDownloads {
        static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("StyrCoreTests/History/Fixtures")

        @Test func measuresListIdLabelUnitAndYears() async throws {
            try await withApp { app in
                let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("alle-kommuner-bosetting-prosent.csv"))
                let result = try await HistoryStore.importFile(
                    HistoryText.decode(data), name: "alle-kommuner.csv", format: nil, dryRun: false, actor: "t",
                    geography: app.geography, on: app.db)
                #expect(result.format == "imdi" && result.saved != nil)
                let measures = try await HistoryStore.measures(on: app.db)
                #expect(measures.map(\.id) == ["anmodning", "bosatt", "bosatt_prosent", "vedtak", "vedtak_prosent"])
                #expect(
                    measures.first { $0.id == "bosatt_prosent" }
                        == HistoryStore.MeasureInfo(
                            id: "bosatt_prosent", label: "Bosetting: Faktisk bosetting", unit: "prosent", years: [2019, 2020]))
                #expect(measures.first { $0.id == "anmodning" }?.unit == "personer")
            }
        }

        @Test func anotherFormatOfTheSameTableReplacesTheActiveVersion() async throws {
            try await withApp { app in
                let cross = """
                    Region;Navn;Bosetting: Faktisk bosetting;Bosetting: Faktisk bosetting;
                    ;;Enhet: Personer;Enhet: Prosent;
                    ;;År: 2019;År: 2019;
                    K0301;Oslo - Oslove;870;96,7;
                    K3001;Halden;18;90,0;
                    """
                let long = """
                    Enhet;År;Kommunenummer;Kommune;Bosetting;Antall
                    Personer;2019;0301;Oslo - Oslove;Faktisk bosetting;870
                    Personer;2019;3001;Halden;Faktisk bosetting;19
                    Prosent;2019;0301;Oslo - Oslove;Faktisk bosetting;96,7
                    Prosent;2019;3001;Halden;Faktisk bosetting;90,0
                    """
                _ = try await HistoryStore.importFile(
                    cross, name: "alle.csv", format: nil, dryRun: false, actor: "t", geography: app.geography, on: app.db)
                let second = try await HistoryStore.importFile(
                    long, name: "download.csv", format: nil, dryRun: false, actor: "t", geography: app.geography, on: app.db)
                #expect(second.format == "imdi-download")
                #expect(second.saved?.replaced?.changed == ["bosatt 2019 Halden (0101): 18 → 19"])
                let active = try await HistoryStore.active(year: 2019, on: app.db)
                #expect(active.count == 4)
            }
        }

        /// The API takes the file's bytes as downloaded (ISO-8859-1 here) and `skip_invalid=1`.
        @Test func apiImportsISOLatin1BytesAndSkipsInvalidLines() async throws {
            try await withApp { app in
                _ = try await Users.add(
                    username: "direktorat", password: "passord-direktorat", role: .directorate, kommune: nil, on: app.db
                ) {
                    $0
                }
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(
                    token: try await Users.newToken(username: "direktorat", on: app.db))
                headers.contentType = HTTPMediaType(type: "text", subType: "csv")
                let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("alle-kommuner-bosetting-prosent.csv"))
                let ok = try await app.testing().sendRequest(
                    .POST, "/api/v1/history?name=alle.csv&dry_run=1", headers: headers, body: ByteBuffer(bytes: data))
                #expect(ok.status == .ok && ok.body.string.contains("\"format\":\"imdi\"") && ok.body.string.contains("\"figures\":75"))
                var bad = data
                bad.append(contentsOf: Array("K1399;Ukjent;1;1;1;1,0;1,0;1;1;1;1,0;1,0;\r\n".utf8))
                let rejected = try await app.testing().sendRequest(
                    .POST, "/api/v1/history?name=alle.csv&dry_run=1", headers: headers, body: ByteBuffer(bytes: bad))
                #expect(rejected.status == .unprocessableEntity && rejected.body.string.contains("10 feil"))
                let skipped = try await app.testing().sendRequest(
                    .POST, "/api/v1/history?name=alle.csv&skip_invalid=1", headers: headers, body: ByteBuffer(bytes: bad))
                #expect(skipped.status == .created && skipped.body.string.contains("\"figures\":75"))
                #expect(skipped.body.string.contains("linje 12: kolonne «Bosetting: Faktisk bosetting (Prosent), 2020»: Ukjent (1399)"))
            }
        }

        @Test func skipInvalidSavesTheValidRowsAndListsTheRest() async throws {
            try await withApp { app in
                let text = historyRowsOneGoodOneUnknownOneBad
                await #expect(throws: UserError.self) {
                    try await HistoryStore.importFile(
                        text, name: "d.csv", format: nil, dryRun: false, actor: "t", geography: app.geography, on: app.db)
                }
                let result = try await HistoryStore.importFile(
                    text, name: "d.csv", format: "imdi-download", dryRun: false, skipInvalid: true, actor: "t", geography: app.geography,
                    on: app.db)
                #expect(result.figures == 1 && result.skipped.count == 2 && result.saved?.skipped.count == 2)
                #expect(result.skipped.first?.hasPrefix("linje 3: kolonne «Antall»: Ukjent (1399) i 2019") == true)
            }
        }
    }
}

/// A long download with one good row, one unknown municipality number and one count that is not a
/// number (the skipped-lines tests).
let historyRowsOneGoodOneUnknownOneBad = """
    Enhet;År;Kommunenummer;Kommune;Bosetting;Antall
    Personer;2019;0301;Oslo;Faktisk bosetting;870
    Personer;2019;1399;Ukjent;Faktisk bosetting;5
    Personer;2019;3001;Halden;Faktisk bosetting;atten
    """
