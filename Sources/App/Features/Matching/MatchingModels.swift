import Fluent
import Foundation
import StyrCore

/// A proposed allocation for caseworkers to review: the solver's proposal per case, overrides
/// with their reasons, and confirmation (after which it is frozen).
final class MatchRunModel: Model, @unchecked Sendable {
    static let schema = "match_runs"
    enum Status: String { case draft = "utkast", confirmed = "bekreftet" }

    @ID(key: .id) var id: UUID?
    @Field(key: "title") var title: String
    @Field(key: "status") var status: String
    @Field(key: "objective") var objective: Double
    @Field(key: "bound") var bound: Double
    @Field(key: "persons") var persons: Int
    /// The municipalities' places as JSON (`[MatchMunicipality]`).
    @Field(key: "municipalities") var municipalities: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "confirmed_by") var confirmedBy: String?
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?

    init() {}

    var places: [MatchMunicipality] {
        (try? JSONDecoder().decode([MatchMunicipality].self, from: Data(municipalities.utf8))) ?? []
    }
}

/// One case of a run: what the solver proposed, the alternatives and why, and the decision.
final class MatchCaseModel: Model, @unchecked Sendable {
    static let schema = "match_cases"

    @ID(key: .id) var id: UUID?
    @Parent(key: "run_id") var run: MatchRunModel
    @Field(key: "case_id") var caseId: String
    @Field(key: "size") var size: Int
    @Field(key: "minors") var minors: Int
    @Field(key: "needs") var needs: String
    @Field(key: "week") var week: Int
    @OptionalField(key: "proposed") var proposed: String?
    @OptionalField(key: "chosen") var chosen: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "decided_by") var decidedBy: String?
    /// `[MatchAlternative]` as JSON.
    @Field(key: "alternatives") var alternatives: String
    /// Every allowed municipality, `;`-separated.
    @Field(key: "allowed") var allowed: String
    /// From the register: `kartlegging` or `generert`, and the proposal explained in words.
    @OptionalField(key: "basis") var basis: String?
    @OptionalField(key: "explanation") var explanation: String?
    /// The day the case was sent as a request to its municipality (ÅÅÅÅ-MM-DD), or nil.
    @OptionalField(key: "requested_on") var requestedOn: String?

    init() {}

    /// Where the case goes: the caseworker's choice, else the proposal.
    var placement: String? {
        guard let chosen else { return proposed }
        return chosen.isEmpty ? nil : chosen
    }
}
