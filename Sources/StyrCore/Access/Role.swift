/// Who a user is in the steering dialogue; decides what every route allows.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Departementet: edits letters and supplements, reads reports, comments.
    case ministry
    /// Direktoratet: updates status, writes reports, keeps the registers.
    case directorate
    /// A municipality, scoped to its own kommunenummer.
    case municipality
    /// The public: published documents and disclosure-controlled statistics.
    case `public`

    /// The ministry and the directorate: the two parties of the steering dialogue, who see the
    /// whole model and unsuppressed figures.
    public var isStaff: Bool { self == .ministry || self == .directorate }

    public var label: String {
        switch self {
        case .ministry: "Departement"
        case .directorate: "Direktorat"
        case .municipality: "Kommune"
        case .public: "Offentlig"
        }
    }
}
