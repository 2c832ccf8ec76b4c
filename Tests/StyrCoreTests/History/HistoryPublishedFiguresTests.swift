import Foundation
import Testing

@testable import StyrCore

/// The national totals of the settlement measures reconcile with the figures the annual report
/// (the seeds) prints, and a difference is reported per year by the import.
@Suite struct HistoryPublishedFiguresTests {
    /// Every figure the check uses is printed in the seed (when the seeds are beside the checkout).
    @Test func theFiguresArePrintedInTheAnnualReport() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds/arsrapport-2017.txt")
        guard let text = try? String(contentsOf: seed, encoding: .utf8) else { return }
        let hovedtall = text.components(separatedBy: "\n")
        #expect(hovedtall.contains("Bosatte flyktninger (totalt)\t7 784\t11 342\t15 291\t11 078"))
        #expect(hovedtall.contains("Enslige mindreårige\t536\t691\t1 599\t759"))
        #expect(text.contains("om lag 12 700 flyktninger i 2017") && text.contains("til sammen 12 158 flyktninger"))
        #expect(
            text.contains("bosette 4 400 flyktninger") && text.contains("anmodet om å bosette 200 enslige mindreårige flyktninger i 2018"))
        #expect(HistoryPublishedFigures.all.count == 12)
    }

    @Test func theFixtureDownloadsReconcileWithTheSeeds() throws {
        let general = try HistoryFixtures.table("download-bosetting-hele-landet-2014-2018.csv")
        let minors = try HistoryFixtures.table("download-enslige-mindreaarige-hele-landet-2014-2018.csv")
        #expect(general.format == .imdiDownload && minors.format == .imdiDownload)
        let checks = general.published + minors.published
        #expect(
            Set(checks.map { "\($0.measure) \($0.year)" }) == [
                "bosatt 2014", "bosatt 2015", "bosatt 2016", "bosatt 2017", "bosatt_em 2014", "bosatt_em 2015", "bosatt_em 2016",
                "bosatt_em 2017", "anmodning 2017", "vedtak 2017", "anmodning 2018", "anmodning_em 2018",
            ])
        let disagreeing = checks.filter { !$0.agrees }
        #expect(disagreeing.isEmpty)
        // «om lag 12 700»: 12 684 agrees, printed rounded to hundreds.
        #expect(general.published.first { $0.measure == "anmodning" && $0.year == 2017 }?.difference == -16)
        #expect(general.warnings.isEmpty && minors.warnings.isEmpty)
    }

    @Test func aDifferenceIsReportedPerYear() throws {
        let text = HistoryText.decode(try HistoryFixtures.data("download-enslige-mindreaarige-hele-landet-2014-2018.csv"))
            .replacingOccurrences(of: "\"1 599\"", with: "\"1 590\"").replacingOccurrences(of: "\"759\"", with: "\"760\"")
        let t = try HistoryImport.parse(text, format: nil, geography: HistoryTests.geography, title: "em.csv")
        #expect(
            t.warnings == [
                "bosatt_em 2016: filen har 1590 for hele landet, Årsrapport 2017, Hovedtall har 1599 (avvik -9)",
                "bosatt_em 2017: filen har 760 for hele landet, Årsrapport 2017, Hovedtall har 759 (avvik 1)",
            ])
    }

    /// Without a «Hele landet» row the sum of the municipalities is compared when they are all
    /// there (hidden cells make it a lower bound); a file of some municipalities is not checked.
    @Test func theSumOfAllMunicipalitiesIsComparedWhenNoTotalIsGiven() throws {
        var text = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n"
        for m in HistoryTests.geography.division(for: 2017).municipalities {
            let vedtak = m.code == "0301" ? "12150" : (m.code == "1103" ? ":" : "0")
            text += "Personer;2017;\(m.code);\(m.name);Vedtak om bosetting;\(vedtak)\n"
            text += "Personer;2017;\(m.code);\(m.name);Faktisk bosetting;\(m.code == "0301" ? "11000" : "0")\n"
        }
        let t = try HistoryImport.parse(text, format: nil, geography: HistoryTests.geography, title: "x")
        let vedtak = t.published.first { $0.measure == "vedtak" }
        #expect(vedtak?.lowerBound == true && vedtak?.agrees == true && vedtak?.imported == 12150)
        #expect(t.published.first { $0.measure == "bosatt" }?.agrees == false)
        #expect(t.warnings == ["bosatt 2017: filen har 11000 for hele landet, Årsrapport 2017, Hovedtall har 11078 (avvik -78)"])
        let some = try HistoryImport.parse(
            "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\nPersoner;2017;0301;Oslo;Faktisk bosetting;900\n", format: nil,
            geography: HistoryTests.geography, title: "oslo.csv")
        #expect(some.published.isEmpty && some.warnings.isEmpty)
    }
}
