/// How a refugee came to be settled (bosatt).
public enum SettlementCategory: String, Codable, Sendable, CaseIterable {
    /// Tidligere asylsøker fra mottak (former asylum seeker from a reception centre).
    case reception = "mottak"
    /// Overføringsflyktning (resettlement refugee, UN quota).
    case resettlement = "overforing"
    /// Privatboende (living privately, not in reception).
    case privateLiving = "privat"
    /// Familiegjenforent (family-reunified with a refugee).
    case familyReunification = "familiegjenforent"

    public var label: String {
        switch self {
        case .reception: "Tidligere asylsøkere fra mottak"
        case .resettlement: "Overføringsflyktninger"
        case .privateLiving: "Privatboende"
        case .familyReunification: "Familiegjenforente"
        }
    }
}

public enum Gender: String, Codable, Sendable, CaseIterable {
    case male = "m"
    case female = "k"
    public var label: String { self == .male ? "Menn" : "Kvinner" }
}

/// One person in the settlement register. Dates are day numbers (`CivilDate.dayNumber`) so that
/// a national register of hundreds of thousands of rows is cheap to aggregate.
public struct SettlementPerson: Sendable, Equatable {
    /// Pseudonym (keyed hash of the national identity number) or a generated id.
    public var personId: String
    /// A family is one case and is settled together.
    public var caseId: String
    public var category: SettlementCategory
    public var gender: Gender
    public var birthYear: Int
    public var nationality: String
    /// Enslig mindreårig (unaccompanied minor).
    public var unaccompaniedMinor: Bool
    /// Member of a family with children under 18.
    public var familyWithChildren: Bool
    /// Vedtak om opphold / innreisetillatelse.
    public var permitDay: Int
    /// Bosettingsklar (ready for settlement).
    public var readyDay: Int?
    /// Begrenset tillatelse i påvente av dokumentert identitet.
    public var limitedPermit: Bool
    public var competenceMapped: Bool
    /// Received the cultural orientation programme (resettlement refugees).
    public var culturalOrientation: Bool
    /// Received other relevant information where the programme was not possible.
    public var otherInformation: Bool
    public var allocatedKommune: String?
    public var allocatedDay: Int?
    /// Kommunenummer valid on the settlement date.
    public var settledKommune: String?
    public var settledDay: Int?
    /// Avtalt selvbosetting.
    public var selfSettled: Bool
    /// Unaccompanied minors under 15 are settled by Bufetat, others by the directorate.
    public var settledByBufetat: Bool

    public init(
        personId: String, caseId: String, category: SettlementCategory, gender: Gender, birthYear: Int, nationality: String,
        unaccompaniedMinor: Bool = false, familyWithChildren: Bool = false, permitDay: Int, readyDay: Int? = nil,
        limitedPermit: Bool = false, competenceMapped: Bool = false, culturalOrientation: Bool = false,
        otherInformation: Bool = false, allocatedKommune: String? = nil, allocatedDay: Int? = nil,
        settledKommune: String? = nil, settledDay: Int? = nil, selfSettled: Bool = false, settledByBufetat: Bool = false
    ) {
        self.personId = personId
        self.caseId = caseId
        self.category = category
        self.gender = gender
        self.birthYear = birthYear
        self.nationality = nationality
        self.unaccompaniedMinor = unaccompaniedMinor
        self.familyWithChildren = familyWithChildren
        self.permitDay = permitDay
        self.readyDay = readyDay
        self.limitedPermit = limitedPermit
        self.competenceMapped = competenceMapped
        self.culturalOrientation = culturalOrientation
        self.otherInformation = otherInformation
        self.allocatedKommune = allocatedKommune
        self.allocatedDay = allocatedDay
        self.settledKommune = settledKommune
        self.settledDay = settledDay
        self.selfSettled = selfSettled
        self.settledByBufetat = settledByBufetat
    }

    /// Age in whole years at a day (by birth year; the register keeps only the year).
    public func age(at day: Int) -> Int { CivilDate(dayNumber: day).year - birthYear }

    public var isChildAtSettlement: Bool { age(at: settledDay ?? permitDay) < 18 }

    /// The day waiting starts: ready for settlement, else the permit.
    public var waitStartDay: Int { readyDay ?? permitDay }

    /// Waiting time in months (days / 30.4375) from permit to settlement.
    public var waitMonths: Double? { settledDay.map { Double($0 - permitDay) / 30.4375 } }

    /// Settled within `months` calendar months of the permit.
    public func settledWithin(months: Int) -> Bool {
        guard let s = settledDay else { return false }
        return s <= Months.add(months, to: permitDay)
    }

    /// Waiting for settlement (ready, not yet settled) at the end of `day`.
    public func isWaiting(at day: Int) -> Bool {
        waitStartDay <= day && (settledDay.map { $0 > day } ?? true)
    }
}

/// Calendar-month arithmetic on day numbers.
public enum Months {
    public static func add(_ months: Int, to day: Int) -> Int {
        let d = CivilDate(dayNumber: day)
        let total = d.year * 12 + (d.month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return CivilDate(year: y, month: m, day: min(d.day, CivilDate.daysIn(year: y, month: m)))!.dayNumber
    }

    /// Whole months waited at `day` since `start` (calendar months).
    public static func between(_ start: Int, _ day: Int) -> Int {
        guard day > start else { return 0 }
        let s = CivilDate(dayNumber: start)
        let e = CivilDate(dayNumber: day)
        let n = (e.year - s.year) * 12 + (e.month - s.month)
        return add(n, to: start) > day ? n - 1 : n
    }
}

/// The directorate's request to a municipality for a year, and the municipality's decision.
public struct MunicipalRequest: Sendable, Equatable, Codable {
    public var year: Int
    public var kommune: String
    /// Anmodning: persons requested (incl. unaccompanied minors).
    public var requested: Int
    public var requestedMinors: Int
    /// Vedtak: places decided (nil when the municipality has not decided).
    public var decided: Int?
    public var decidedMinors: Int?
    /// The county governor's recommendation.
    public var countyRecommendation: Int?

    public init(
        year: Int, kommune: String, requested: Int, requestedMinors: Int = 0, decided: Int?, decidedMinors: Int? = nil,
        countyRecommendation: Int? = nil
    ) {
        self.year = year
        self.kommune = kommune
        self.requested = requested
        self.requestedMinors = requestedMinors
        self.decided = decided
        self.decidedMinors = decidedMinors
        self.countyRecommendation = countyRecommendation
    }
}

/// The settlement register: persons and the yearly requests and decisions.
public struct SettlementRegister: Sendable {
    public var persons: [SettlementPerson] { didSet { resettledMemo = Memo() } }
    public var requests: [MunicipalRequest]
    private var resettledMemo = Memo<OrderedIndex>()

    public init(persons: [SettlementPerson], requests: [MunicipalRequest]) {
        self.persons = persons
        self.requests = requests
    }

    /// Persons settled in `year` (by settlement date).
    public func settled(in year: Int) -> [SettlementPerson] {
        let start = CivilDate(year: year, month: 1, day: 1)!.dayNumber
        let end = CivilDate(year: year, month: 12, day: 31)!.dayNumber
        return persons.filter { p in p.settledDay.map { $0 >= start && $0 <= end } ?? false }
    }

    /// The resettlement refugees settled in `range`, as indices into `persons` (by settlement day;
    /// the ordered list is built once).
    public func resettled(in range: ClosedRange<Int>) -> [Int32] {
        let index = resettledMemo.value {
            let settled = persons.indices.filter { persons[$0].category == .resettlement && persons[$0].settledDay != nil }
            return OrderedIndex(settled.map { Int32($0) }) { Int32(persons[Int($0)].settledDay!) }
        }
        return Array(index.within(Int32(range.lowerBound), Int32(range.upperBound)))
    }
}
