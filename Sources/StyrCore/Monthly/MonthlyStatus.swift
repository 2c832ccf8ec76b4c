/// A traffic light for one dimension of a monthly status.
public enum StatusLight: String, Codable, Sendable, CaseIterable {
    case green = "gronn", yellow = "gul", red = "rod"

    public var label: String {
        switch self {
        case .green: "Grønn"
        case .yellow: "Gul"
        case .red: "Rød"
        }
    }
}

/// Månedsrapport: the monthly status of a designated assignment (e.g. the digitalisation
/// programme): progress, cost and quality as traffic lights, with deviations and risk.
public struct MonthlyStatus: Codable, Sendable, Equatable {
    public var assignmentId: String
    public var year: Int
    public var month: Int
    public var purpose: String
    public var progress: StatusLight
    public var cost: StatusLight
    public var quality: StatusLight
    public var deviations: String
    public var risk: String
    public var author: String

    public init(
        assignmentId: String, year: Int, month: Int, purpose: String = "", progress: StatusLight, cost: StatusLight, quality: StatusLight,
        deviations: String = "", risk: String = "", author: String = ""
    ) {
        self.assignmentId = assignmentId
        self.year = year
        self.month = month
        self.purpose = purpose
        self.progress = progress
        self.cost = cost
        self.quality = quality
        self.deviations = deviations
        self.risk = risk
        self.author = author
    }

    /// The worst of the three lights.
    public var overall: StatusLight {
        [progress, cost, quality].contains(.red) ? .red : [progress, cost, quality].contains(.yellow) ? .yellow : .green
    }
}

public enum MonthlyRules {
    /// Assignments the letter asks monthly reporting for (a recurring monthly deadline).
    public static func designated(_ assignments: [Assignment]) -> [Assignment] {
        assignments.filter { a in a.deadlines.contains { $0.frequency == "monthly" } }
    }

    /// Months of `year` that have ended by `today` without a report.
    public static func missing(_ reports: [MonthlyStatus], year: Int, today: CivilDate) -> [Int] {
        let last = today.year > year ? 12 : today.year < year ? 0 : today.month - 1
        guard last > 0 else { return [] }
        let have = Set(reports.filter { $0.year == year }.map(\.month))
        return (1...last).filter { !have.contains($0) }
    }

    public static func validate(_ s: MonthlyStatus) -> FieldErrors? {
        var f: [String: String] = [:]
        if !(1...12).contains(s.month) { f["month"] = "Måneden må være 1–12." }
        if s.overall != .green && s.deviations.trimmingCharacters(in: .whitespaces).isEmpty {
            f["deviations"] = "Gul eller rød status krever en beskrivelse av avviket."
        }
        if s.deviations.count > 4000 || s.risk.count > 4000 || s.purpose.count > 4000 {
            f["deviations"] = "Teksten kan være høyst 4000 tegn."
        }
        return f.isEmpty ? nil : FieldErrors(f)
    }
}
