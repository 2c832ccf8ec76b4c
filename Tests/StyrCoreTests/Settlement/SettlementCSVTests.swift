import Testing

@testable import StyrCore

@Suite struct SettlementCSVTests {
    // Valid synthetic numbers (mod-11 checked), and a D-number.
    static let valid = ["01010150074", "15076500565", "41010150068"]

    @Test func identityNumbers() {
        for n in Self.valid { #expect(IdentityNumber.validate(n) == nil, "\(n)") }
        #expect(IdentityNumber.validate("01010150075") == .checksum)
        #expect(IdentityNumber.validate("0101015005") == .format)
        #expect(IdentityNumber.validate("32130150056") == .date)
        #expect(IdentityNumber.masked("01010150074") == "010101*****")
    }

    static let header =
        "fodselsnummer;sak_id;kategori;kjonn;fodselsaar;nasjonalitet;vedtaksdato;bosatt_kommune;bosatt_dato;enslig_mindreaarig"

    @Test func validFileParses() throws {
        let text = [
            Self.header,
            "01010150074;S1;mottak;m;1990;Syria;2017-01-10;0301;2017-03-01;nei",
            "\"15076500565\";S2;overforing;k;1965;Eritrea;10.02.2017;3001;2020-05-01;ja",
        ].joined(separator: "\n")
        let r = try SettlementCSV.parse(text, geography: GeographyTests.load())
        #expect(r.errors.isEmpty, "\(r.errors)")
        #expect(r.rows.count == 2)
        #expect(r.rows[1].person.unaccompaniedMinor && r.rows[1].person.settledKommune == "3001")
        #expect(r.rows[0].person.waitMonths! > 1.5)
    }

    @Test func badRowsAreReportedWithLineAndReasonWithoutTheNumber() throws {
        let text = [
            Self.header,
            "01010150075;S1;mottak;m;1990;Syria;2017-01-10;0301;2017-03-01;nei",
            "01010150074;S2;asyl;x;19xx;Syria;i fjor;0301;;kanskje",
            "15076500565;S3;mottak;m;1990;Syria;2017-05-10;3001;2017-06-01;nei",
            "41010150068;S4;mottak;k;1990;Syria;2017-05-10;0301;2017-04-01;nei",
        ].joined(separator: "\n")
        let r = try SettlementCSV.parse(text, geography: GeographyTests.load())
        #expect(r.rows.isEmpty)
        #expect(r.errors.map(\.line) == [2, 3, 4, 5])
        #expect(r.errors[0].message.contains("kontrollsiffer") && r.errors[0].message.contains("010101*****"))
        #expect(!r.errors.map(\.message).joined().contains("01010150075"))
        #expect(
            r.errors[1].message.contains("kategori") && r.errors[1].message.contains("kjonn") && r.errors[1].message.contains("vedtaksdato")
        )
        #expect(r.errors[2].message.contains("3001 fantes ikke i 2017"))
        #expect(r.errors[3].message.contains("før vedtaksdato"))
    }

    @Test func missingColumnsIsAnErrorOnLineOne() {
        #expect(throws: ImportError.self) { try SettlementCSV.parse("fodselsnummer;kategori\n1;2", geography: GeographyTests.load()) }
        #expect(throws: ImportError.self) { try SettlementCSV.parse("", geography: GeographyTests.load()) }
    }
}

@Suite struct RequestsCSVTests {
    @Test func requestsAndDecisions() throws {
        let text = """
            aar;kommunenummer;anmodet;anmodet_em;vedtak;vedtak_em;fylkets_anbefaling
            2017;0301;800;40;760;30;790
            2017;0101;30;0;;;
            2017;3001;10;0;10;0;10
            2017;0301;1;0;1;0;1
            2017;0219;5;9;x;;
            """
        let (rows, errors) = try RequestsCSV.parse(text, geography: GeographyTests.load())
        #expect(rows.count == 2)
        #expect(
            rows[0]
                == MunicipalRequest(
                    year: 2017, kommune: "0301", requested: 800, requestedMinors: 40, decided: 760, decidedMinors: 30,
                    countyRecommendation: 790))
        #expect(rows[1].decided == nil)
        #expect(errors.map(\.line) == [4, 5, 6])
        #expect(errors[0].message.contains("3001 fantes ikke i 2017"))
        #expect(errors[1].message.contains("flere ganger"))
        #expect(errors[2].message.contains("vedtak") && errors[2].message.contains("anmodet_em"))
        #expect(throws: ImportError.self) { try RequestsCSV.parse("kommunenummer;anmodet\n0301;1", geography: GeographyTests.load()) }
    }
}
