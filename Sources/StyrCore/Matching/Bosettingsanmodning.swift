/// A request to a municipality to settle a case (anmodning om bosetting), made from an accepted
/// allocation proposal: every member of the household who waits (not allocated, not settled, not
/// self-settled, not family reunification) is allocated to the municipality on the day of the
/// request, which is what the municipality then sees in the settlement register.
public enum Bosettingsanmodning {
    /// One accepted proposal: the case and the municipality it is asked of.
    public struct Accepted: Sendable, Equatable {
        public var caseId: String
        public var kommune: String
        public init(caseId: String, kommune: String) {
            self.caseId = caseId
            self.kommune = kommune
        }
    }

    /// The persons with their allocation set, or every reason the requests cannot be made (then
    /// nothing is to be stored).
    public struct Outcome: Sendable, Equatable {
        public var persons: [SettlementPerson]
        public var problems: [String]
    }

    /// Whether the person is one of the case's members who wait for a municipality.
    public static func waits(_ p: SettlementPerson) -> Bool {
        p.allocatedKommune == nil && p.settledKommune == nil && !p.selfSettled && p.category != .familyReunification
    }

    /// Allocates each accepted case's waiting members to its municipality on `day`. A case with no
    /// member in `persons`, or whose members are already allocated or settled (a request made
    /// twice, or the register changed since the proposal), is a problem naming the case.
    public static func apply(_ accepted: [Accepted], persons: [SettlementPerson], day: Int) -> Outcome {
        let byCase = Dictionary(grouping: persons, by: \.caseId)
        var out: [SettlementPerson] = []
        var problems: [String] = []
        var seen: Set<String> = []
        for a in accepted {
            guard seen.insert(a.caseId).inserted else {
                problems.append("Sak \(a.caseId) er valgt to ganger.")
                continue
            }
            guard let members = byCase[a.caseId], !members.isEmpty else {
                problems.append("Sak \(a.caseId) finnes ikke i bosettingsregisteret.")
                continue
            }
            let waiting = members.filter(waits)
            if let taken = members.first(where: { $0.allocatedKommune != nil || $0.settledKommune != nil }) {
                let whereTo = taken.settledKommune.map { "bosatt i \($0)" } ?? "anmodet til \(taken.allocatedKommune ?? "")"
                problems.append("Sak \(a.caseId) er allerede \(whereTo).")
                continue
            }
            guard !waiting.isEmpty else {
                problems.append("Sak \(a.caseId) har ingen som venter på bosetting.")
                continue
            }
            for var p in waiting {
                p.allocatedKommune = a.kommune
                p.allocatedDay = day
                out.append(p)
            }
        }
        return Outcome(persons: problems.isEmpty ? out : [], problems: problems)
    }
}
