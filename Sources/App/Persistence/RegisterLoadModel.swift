import Fluent
import Foundation
import SQLKit
import StyrCore
import Vapor

/// When a register was last loaded, from what, by whom (freshness).
final class RegisterLoadModel: Model, @unchecked Sendable {
    static let schema = "register_loads"
    @ID(key: .id) var id: UUID?
    @Field(key: "register") var register: String
    @Field(key: "source") var source: String
    @Field(key: "rows") var rows: Int
    @Field(key: "loaded_at") var loadedAt: Date
    @Field(key: "loaded_by") var loadedBy: String

    init() {}

    init(register: String, source: String, rows: Int, actor: String) {
        self.register = register
        self.source = source
        self.rows = rows
        self.loadedAt = Date()
        self.loadedBy = actor
    }
}
