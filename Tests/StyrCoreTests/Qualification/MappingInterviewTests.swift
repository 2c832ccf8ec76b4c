import Testing

@testable import StyrCore

/// The mapping interview register (kartlegging): reading, pseudonymising, refusing bad rows.
@Suite struct MappingInterviewTests {
    static let geography = StatisticsTests.geography
    static let header = "person_id;dato;utdanning;utdanningsfelt;arbeidserfaring;sprak;norsk_niva;helsebehov;tilknytning_kommune"

    @Test func readsAndPseudonymisesIdentityNumbers() throws {
        let text = [
            Self.header,
            "01010150074;2024-03-01;hoyere;sykepleie;Q|G;arabisk|engelsk;B1;nei;0301",
            "pabc123;15.04.2024;fagbrev;;F;tigrinja;a2;ja;",
        ].joined(separator: "\n")
        var registers = QualificationRegisters()
        let loaded = try registers.load(.interviews, text: text, geography: Self.geography, pseudonym: { "p-" + String($0.reversed()) })
        #expect(loaded.rows == 2 && loaded.errors.isEmpty)
        let first = try #require(registers.interviews.first)
        // The identity number is never kept: only the pseudonym.
        #expect(first.personId == "p-47005101010")
        #expect(first.education == .higher && first.experience == ["Q", "G"] && first.languages == ["arabisk", "engelsk"])
        #expect(first.norwegian == .b1 && !first.healthNeeds && first.tie == "0301")
        let second = registers.interviews[1]
        #expect(second.personId == "pabc123" && second.healthNeeds && second.tie == nil && second.norwegian == .a2)
        #expect(!registers.csv(.interviews).contains("01010150074"))
        // The stored form reads back to the same rows (without a key: it holds pseudonyms only).
        var again = QualificationRegisters()
        try again.load(.interviews, text: registers.csv(.interviews), geography: Self.geography)
        #expect(again.interviews == registers.interviews)
        #expect(ExtractKind(rawValue: "kartlegging") == .interviews && ExtractKind.interviews.personal)
    }

    @Test func everyBadRowIsNamedWithItsColumnAndNothingChanges() throws {
        var registers = QualificationRegisters()
        try registers.load(
            .interviews, text: Self.header + "\npold;2024-01-01;ingen;;;;A0;nei;", geography: Self.geography, pseudonym: { $0 })
        let text = [
            Self.header,
            "01010150075;2024-13-01;doktorgrad;;Z|Q;;D1;kanskje;9876",
            "pok;2024-03-01;grunnskole;;A;;A1;nei;",
            "pok;2024-03-02;grunnskole;;A;;A1;nei;",
        ].joined(separator: "\n")
        let loaded = try registers.load(.interviews, text: text, geography: Self.geography, pseudonym: { $0 })
        #expect(loaded.errors.count == 2)
        let line2 = try #require(loaded.errors.first { $0.line == 2 }).description
        for part in [
            "person_id 010101*****", "dato", "utdanning «doktorgrad»", "arbeidserfaring «Z»", "norsk_niva «D1»", "helsebehov",
            "tilknytning_kommune «9876»",
        ] {
            #expect(line2.contains(part), "\(part) in \(line2)")
        }
        #expect(!line2.contains("01010150075"))
        #expect(loaded.errors.contains { $0.line == 4 && $0.description.contains("står flere ganger") })
        // All or nothing: the register still holds what it held.
        #expect(registers.interviews.map(\.personId) == ["pold"])
        // Without a pseudonym key an identity number is refused, not stored.
        var plain = QualificationRegisters()
        let refused = try plain.load(
            .interviews, text: Self.header + "\n01010150074;2024-03-01;ingen;;;;A0;nei;", geography: Self.geography)
        #expect(refused.errors.count == 1 && plain.interviews.isEmpty)
    }
}
