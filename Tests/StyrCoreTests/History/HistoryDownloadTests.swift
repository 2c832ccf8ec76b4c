import Foundation
import Testing

@testable import StyrCore

/// Files as people download them from the directorate's statistics pages (fixtures written in the
/// published layouts, ISO-8859-1 ones as real ISO-8859-1 bytes).
enum HistoryFixtures {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }

    static func table(_ name: String, format: HistoryFormat? = nil, skipInvalid: Bool = false) throws -> HistoryTable {
        try HistoryImport.parse(
            data: data(name), format: format, geography: HistoryTests.geography, title: name, skipInvalid: skipInvalid)
    }
}

extension HistoryTable {
    func figure(_ measure: String, _ year: Int, _ code: String) -> HistoryFigure? {
        figures.first { $0.measure == measure && $0.year == year && $0.code == code }
    }
}

@Suite struct HistoryDownloadTests {
    @Test func isoLatin1AndUTF8WithBOMAreRead() throws {
        let latin = try HistoryFixtures.data("alle-kommuner-bosetting-prosent.csv")
        #expect(latin.contains(0xE6))  // "æ" of Bærum as one ISO-8859-1 byte
        #expect(HistoryText.decode(latin).contains("K3024;Bærum;"))
        let bom = try HistoryFixtures.data("alle-kommuner-fire-overskrifter.csv")
        #expect(bom.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(HistoryText.decode(bom).hasPrefix("Region;Navn;"))
    }

    @Test func formatsAreDetected() throws {
        let expected: [(String, HistoryFormat)] = [
            ("alle-kommuner-bosetting-prosent.csv", .imdi), ("alle-kommuner-fire-overskrifter.csv", .imdi),
            ("alle-kommuner-enslige-mindreaarige.csv", .imdi), ("download-bosetting.csv", .imdiDownload),
            ("download-kommunenummer-1995-2013.csv", .imdiDownload), ("indikator-bosatt_anmodede.csv", .imdiIndicator),
        ]
        for (name, format) in expected {
            #expect(HistoryImport.detect(HistoryText.decode(try HistoryFixtures.data(name))) == format, "\(name)")
        }
        #expect(HistoryImport.detect(HistoryTests.imdi) == .imdi)
        #expect(HistoryImport.detect("year,region,measure,value,status\n2017,0,bosatt,1,") == .long)
    }

    /// Per-cent columns are measures of their own: they neither collide with nor add to counts.
    @Test func perCentColumnsAreSeparateMeasures() throws {
        let t = try HistoryFixtures.table("alle-kommuner-bosetting-prosent.csv")
        #expect(t.format == .imdi && t.years == [2019, 2020])
        #expect(Set(t.measures.keys) == ["anmodning", "vedtak", "bosatt", "vedtak_prosent", "bosatt_prosent"])
        #expect(t.units["bosatt"] == "personer" && t.units["bosatt_prosent"] == "prosent")
        // Halden's 2020 number in the file; 2019 is placed under 0101.
        #expect(t.figure("bosatt", 2019, "0101")?.value == 18 && t.figure("bosatt_prosent", 2019, "0101")?.value == 90)
        #expect(t.figure("bosatt_prosent", 2020, "3001")?.value == 93.3)
        #expect(t.figure("bosatt", 2019, "1902")?.name == "Tromsø")  // Tromsø was 1902 before 2020
        #expect(t.figure("bosatt", 2019, "0219")?.value == 61)  // Bærum
        #expect(t.figure("bosatt", 2019, "1504")?.value == 28)  // Ålesund
        let sourced = t.figures.map { SourcedFigure($0, source: "IMDi") }
        let country = HistoryQuery.rows(sourced, measure: "bosatt", year: 2019, level: .country, geography: HistoryTests.geography)
        #expect(country.first?.value == 870 + 18 + 9 + 61 + 28 + 30 + 3 && country.first?.status == "lower_bound")
        // A per cent is never summed over municipalities.
        #expect(
            HistoryQuery.rows(sourced, measure: "bosatt_prosent", year: 2019, level: .country, geography: HistoryTests.geography).isEmpty)
    }

    @Test func fourHeaderRowsWithSexAndUnit() throws {
        let t = try HistoryFixtures.table("alle-kommuner-fire-overskrifter.csv")
        #expect(
            Set(t.measures.keys) == [
                "deltakere_menn", "deltakere_kvinner", "deltakere", "deltakere_menn_prosent", "deltakere_kvinner_prosent",
                "deltakere_prosent",
            ])
        // The breakdown reads as a word, not as the download's «Kjønn: Kvinner».
        #expect(t.measures["deltakere_kvinner"] == "Introduksjonsprogrammet: Deltakere, kvinner")
        #expect(t.figure("deltakere", 2022, "5401")?.value == 75 && t.figure("deltakere_menn_prosent", 2022, "5401")?.value == 53.3)
        #expect(t.figure("deltakere", 2022, "5436")?.name == "Porsanger - Porsáŋgu - Porsanki")
        #expect(t.figure("deltakere", 2022, "5437")?.status == .missing && t.figure("deltakere", 2022, "5441")?.status == .suppressed)
    }

    /// One header row (dimensions in one cell or a trailing year), a title row above, quoted cells.
    @Test func oneAndTwoHeaderRows() throws {
        let one = """
            "Bosatte flyktninger etter kommune"
            "Region";"Navn";"Bosetting: Faktisk bosetting, Enhet: Personer, År: 2019";"Faktisk bosetting 2020";"Bosetting: Faktisk bosetting, Enhet: Prosent, År: 2019"
            "K0301";"Oslo - Oslove";"870";"470";"96,7"
            "K3001";"Halden";"18";"14";"90,0"
            """
        let t = try HistoryImport.parse(one, format: nil, geography: HistoryTests.geography, title: "en.csv")
        #expect(t.format == .imdi && Set(t.measures.keys) == ["bosatt", "bosatt_prosent"])
        #expect(t.figure("bosatt", 2019, "0101")?.value == 18 && t.figure("bosatt", 2020, "3001")?.value == 14)
        #expect(t.figure("bosatt_prosent", 2019, "0301")?.value == 96.7)
        let two = """
            Region;Navn;Enslige mindreårige: Faktisk bosetting;Enslige mindreårige: Faktisk bosetting;
            ;;2019;2020;
            K0301;Oslo - Oslove;38;20;
            """
        let em = try HistoryImport.parse(two, format: nil, geography: HistoryTests.geography, title: "to.csv")
        #expect(em.measures.keys.sorted() == ["bosatt_em"] && em.figure("bosatt_em", 2020, "0301")?.value == 20)
        // A column without a year is refused with its number, not guessed.
        let noYear = two.replacingOccurrences(of: ";;2019;2020;", with: ";;2019;;")
        #expect {
            try HistoryImport.parse(noYear, format: nil, geography: HistoryTests.geography, title: "to.csv")
        } throws: { e in
            (e as? HistoryFileError)?.issues == [
                ImportIssue(line: 2, message: "kolonne 4 («Enslige mindreårige: Faktisk bosetting»): mangler år («År: ÅÅÅÅ»)")
            ]
        }
    }

    @Test func unaccompaniedMinorsAreMeasuresOfTheirOwn() throws {
        let em = try HistoryFixtures.table("alle-kommuner-enslige-mindreaarige.csv")
        #expect(Set(em.measures.keys) == ["anmodning_em", "vedtak_em", "bosatt_em"])
        #expect(em.figure("bosatt_em", 2019, "0101")?.value == 5)
        // Together with the general table, the national total of `bosatt` is unchanged.
        let all = try HistoryFixtures.table("alle-kommuner-bosetting-prosent.csv")
        let sourced = (all.figures + em.figures).map { SourcedFigure($0, source: "IMDi") }
        let country = HistoryQuery.rows(sourced, measure: "bosatt", year: 2019, level: .country, geography: HistoryTests.geography)
        #expect(country.first?.value == 1019)
        let minors = HistoryQuery.rows(sourced, measure: "bosatt_em", year: 2019, level: .country, geography: HistoryTests.geography)
        #expect(minors.first?.value == 38 + 5 + 9 && minors.first?.status == "lower_bound")
        #expect(HistoryMeasures.measure(parts: ["Enslige mindreårige: Faktisk bosetting"], unit: "Personer").id == "bosatt_em")
        #expect(HistoryMeasures.measure(parts: ["Vedtak om bosetting", "Personkategori: Enslige mindreårige"], unit: "").id == "vedtak_em")
        #expect(HistoryMeasures.measure(parts: ["Bosetting: Faktisk bosetting"], unit: "Per 1000 innbyggere").id == "bosatt_per_1000")
        #expect(HistoryMeasures.measure(parts: ["Tilskudd: Integreringstilskudd"], unit: "Kroner").id == "integreringstilskudd_kroner")
    }

    @Test func longDownloadCSV() throws {
        let t = try HistoryFixtures.table("download-bosetting.csv")
        #expect(t.format == .imdiDownload)
        #expect(Set(t.measures.keys) == ["anmodning", "bosatt", "bosatt_prosent"])
        #expect(t.figure("bosatt", 2020, "0301")?.value == 470)  // "301": the leading zero lost in a spreadsheet
        #expect(t.figure("bosatt", 2019, "0")?.level == .country && t.figure("bosatt_prosent", 2019, "0301")?.value == 96.7)
        #expect(t.figure("bosatt", 2019, "1902")?.status == .suppressed)
        // Given national totals are checked per year: 2019 reconciles, 2020 does not.
        #expect(
            t.totals == [
                HistoryTotalMismatch(
                    measure: "bosatt", year: 2020, level: .country, code: "0", name: "Hele landet", given: 600, sum: 544, lowerBound: false)
            ])
        #expect(t.warnings == ["bosatt 2020 Hele landet (0): filen oppgir 600, kommunene summerer til 544"])
    }

    @Test func indicatorFlatFile() throws {
        let t = try HistoryFixtures.table("indikator-bosatt_anmodede.csv")
        #expect(t.format == .imdiIndicator)
        #expect(Set(t.measures.keys) == ["anmodning", "bosatt", "bosatt_prosent"])
        #expect(t.figure("bosatt", 2019, "0101")?.value == 18 && t.figure("bosatt_prosent", 2019, "0219")?.value == 101.7)
        #expect(t.figure("anmodning", 2019, "0")?.value == 1090 && t.figure("bosatt", 2019, "1902")?.status == .missing)
        #expect(t.totals.map(\.year) == [2019] && t.totals.first?.measure == "bosatt" && t.totals.first?.sum == 949)
        let other = HistoryMeasures.measure(parts: ["tabell_navn: introdeltakere", "kjonn: 1"], unit: "personer")
        #expect(other.id == "introdeltakere_kjonn_1")
    }

    /// Each row is placed under the number valid in its year, back to 1995.
    @Test func numbersBefore2014AreValidInTheirYear() throws {
        let t = try HistoryFixtures.table("download-kommunenummer-1995-2013.csv")
        let expected: [(Int, String)] = [
            (2001, "0716"), (2001, "0718"), (2002, "0716"), (2001, "1214"), (2003, "1159"), (2005, "1154"), (2006, "1160"),
            (2004, "1842"), (2004, "1804"), (2005, "1804"), (2005, "1569"), (2005, "1572"), (2006, "1576"), (2007, "1503"),
            (2007, "1556"), (2008, "1505"), (2011, "1723"), (2011, "1729"), (2012, "1756"), (2012, "1901"), (2012, "1915"),
            (2013, "1903"), (2012, "0101"), (2012, "0105"), (2012, "1850"), (2012, "2011"), (2012, "2020"),
        ]
        #expect(t.figures.count == expected.count)
        for (year, code) in expected { #expect(t.figure("bosatt", year, code) != nil, "\(year) \(code)") }
        // Summed to the county of its year: Ølen counted in Hordaland in 2001, in Rogaland from 2002.
        let sourced = t.figures.map { SourcedFigure($0, source: "IMDi") }
        let counties2001 = HistoryQuery.rows(sourced, measure: "bosatt", year: 2001, level: .county, geography: HistoryTests.geography)
        #expect(counties2001.first { $0.code == "12" }?.value == 6)
    }

    /// The same table from another format is the same table: a new version, with what changed.
    @Test func theSameTableFromAnotherFormatHasTheSameIdentity() throws {
        let cross = try HistoryTests.table()
        var long = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\nPersoner;2017;;Hele landet;Faktisk bosetting;910\n"
        for f in cross.figures {
            let label = ["anmodning": "Anmodning om bosetting", "vedtak": "Vedtak om bosetting", "bosatt": "Faktisk bosetting"][f.measure]!
            let cell =
                f.code == "0101" && f.year == 2017 && f.measure == "bosatt"
                ? "29" : f.value.map { IndicatorNumber.plain($0) } ?? f.status.rawValue
            long += "Personer;\(f.year);\(f.code);\(f.name);\(label);\(cell)\n"
        }
        let download = try HistoryImport.parse(long, format: nil, geography: HistoryTests.geography, title: "download.csv")
        #expect(download.format == .imdiDownload && cross.format == .imdi)
        #expect(download.identity == cross.identity && download.legacyIdentity != cross.legacyIdentity)
        let d = HistoryDiff(old: cross.figures, new: download.figures)
        #expect(d.changed == ["bosatt 2017 Halden (0101): 28 → 29"] && d.added == 1 && d.removed == 0)
    }

    @Test func anUnknownNumberIsAnErrorWithLineAndColumn() throws {
        let text = HistoryText.decode(try HistoryFixtures.data("download-kommunenummer-1995-2013.csv"))
            .replacingOccurrences(of: "2011;1723;Mosvik", with: "2011;1799;Mosvik")
        #expect {
            try HistoryImport.parse(text, format: nil, geography: HistoryTests.geography, title: "x")
        } throws: { e in
            (e as? HistoryFileError)?.issues == [
                ImportIssue(line: 18, message: "kolonne «Antall»: Mosvik (1799) i 2011: nummeret finnes ikke i kommunehistorikken")
            ]
        }
    }
}
