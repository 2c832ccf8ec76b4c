import Fluent
import StyrCore

/// Where an assignment carried over into a later year's letter was first given: the assignment
/// as that year's letter and supplements left it, its change history and the directorate's
/// status notes from that year, so that «2020-021» is followed across years under one number.
struct CarriedOverOrigin {
    let year: Int
    let assignment: Assignment
    let history: [ChangeEntry]
    let notes: [StatusNote]

    /// The origin of `id` when the year carries it over from an earlier year that Styr holds;
    /// nil for the year's own assignments and for years not imported. Notes only for staff.
    static func find(_ id: String, carriedInto y: AmendedYear, withNotes: Bool, on db: any Database) async throws -> Self? {
        guard !y.letter.assignments.contains(where: { $0.id == id }),
            let year = Int(id.prefix(4)), year < y.year,
            let earlier = try await SteeringStore.amendedYear(year, on: db)
        else { return nil }
        let current = earlier.aliases[id] ?? id
        guard let assignment = earlier.letter.assignments.first(where: { $0.id == current }) else { return nil }
        let notes =
            withNotes
            ? SteeringPages.notes(for: current, in: earlier, notes: try await SteeringStore.statusNotes(year: year, on: db)) : []
        return Self(year: year, assignment: assignment, history: earlier.history(forAssignment: current), notes: notes)
    }
}
