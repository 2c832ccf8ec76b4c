import Fluent
import Foundation
import StyrCore
import Vapor

/// One row of the append-only audit log.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityId: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?

    init() {}

    init(actor: String, action: String, entity: String, entityId: String, before: String? = nil, after: String? = nil) {
        self.at = Date()
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityId = entityId
        self.before = before
        self.after = after
    }
}
