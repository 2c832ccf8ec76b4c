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

    public var label: String {
        switch self {
        case .ministry: "Departement"
        case .directorate: "Direktorat"
        case .municipality: "Kommune"
        case .public: "Offentlig"
        }
    }
}
