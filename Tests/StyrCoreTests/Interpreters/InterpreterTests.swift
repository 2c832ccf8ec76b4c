import Testing

@testable import StyrCore

@Suite struct InterpreterTests {
    @Test func demoRegisterReproducesTheAnnualReport2017() throws {
        let entries = InterpreterDemo.entries()
        let k2017 = InterpreterFigures.compute(entries, year: 2017)
        #expect(k2017.interpretersInRegister == 1822)
        #expect(k2017.interpretersTopCategories == 1090 && k2017.interpretersTopCategoriesShare == 59.8)
        #expect(k2017.interpreterLanguages == 67)
        #expect(k2017.interpretersWomenShare == 58.0)
        #expect(k2017.interpretersStateAuthorised == 239)
        let series = (2014...2016).map { InterpreterFigures.compute(entries, year: $0) }
        #expect(series.map(\.interpretersInRegister) == [1300, 1450, 1671])
        #expect(series.map { Int($0.interpretersTopCategoriesShare.rounded()) } == [64, 64, 60])
        // Through the CSV and back.
        let parsed = try InterpreterCSV.parse(InterpreterCSV.csv(entries))
        #expect(parsed.errors.isEmpty && parsed.rows == entries)
    }

    @Test func badRowsAreNamed() throws {
        let text = """
            tolk_id;kjonn;sprak;kategori;statsautorisert;registrert;avregistrert
            T1;k;arabisk;B;ja;2020-03-01;
            T1;k;arabisk;C;nei;2020-03-01;
            T2;x;somali;7;kanskje;i fjor;2019-01-01
            T3;m;tigrinja;E;nei;2021-05-01;2021-01-01
            """
        let r = try InterpreterCSV.parse(text)
        #expect(r.rows.count == 1 && r.rows[0].category.isTop)
        let byLine = Dictionary(uniqueKeysWithValues: r.errors.map { ($0.line!, $0.message) })
        #expect(byLine[3]?.contains("flere ganger") == true)
        #expect(
            byLine[4].map { $0.contains("kjonn") && $0.contains("kategori") && $0.contains("statsautorisert") && $0.contains("registrert") }
                == true)
        #expect(byLine[5]?.contains("før registrert") == true)
        // Removed interpreters leave the register at the date.
        let removed = [
            InterpreterEntry(
                interpreter: "T9", gender: .male, language: "urdu", category: .d, stateAuthorised: false,
                registered: CivilDate(iso: "2015-01-01")!.dayNumber, removed: CivilDate(iso: "2016-06-01")!.dayNumber)
        ]
        #expect(InterpreterFigures.compute(removed, year: 2015).interpretersInRegister == 1)
        #expect(InterpreterFigures.compute(removed, year: 2016).interpretersInRegister == 0)
    }
}
