import Fluent
import Foundation
import StyrCore

/// A stored steering document. Published documents are frozen: their content hash is kept
/// and they are never edited in place.
final class DocumentModel: Model, @unchecked Sendable {
    static let schema = "documents"

    enum Status: String, Codable { case draft, published }

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "year") var year: Int?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "number") var number: Int?
    @OptionalField(key: "date") var date: String?
    @Field(key: "title") var title: String
    @Field(key: "status") var status: String
    /// The document as JSON (`SteeringDocument`).
    @Field(key: "content") var content: String
    @OptionalField(key: "source_text") var sourceText: String?
    /// SHA-256 of the whitespace-normalised source text, to detect a second import.
    @OptionalField(key: "source_hash") var sourceHash: String?
    /// SHA-256 of the content, set when published.
    @OptionalField(key: "content_hash") var contentHash: String?
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?
    /// A draft letter the ministry has shared with the directorate for review (nil: its own).
    @OptionalField(key: "review_shared_at") var reviewSharedAt: Date?

    init() {}

    init(document: SteeringDocument, status: Status, sourceText: String?, sourceHash: String?, createdBy: String) throws {
        self.year = document.year
        self.kind = document.kind.rawValue
        self.number = document.number
        self.date = document.date
        self.title = document.displayName
        self.status = status.rawValue
        self.content = try DocumentModel.encode(document)
        self.sourceText = sourceText
        self.sourceHash = sourceHash
        self.createdBy = createdBy
    }

    var isPublished: Bool { status == Status.published.rawValue }

    func document() throws -> SteeringDocument {
        try JSONDecoder().decode(SteeringDocument.self, from: Data(content.utf8))
    }

    func setDocument(_ d: SteeringDocument) throws {
        year = d.year
        kind = d.kind.rawValue
        number = d.number
        date = d.date
        title = d.displayName
        content = try DocumentModel.encode(d)
    }

    var ref: DocumentRef {
        DocumentRef(
            id: id?.uuidString ?? "", name: title, kind: DocumentKind(rawValue: kind) ?? .tildelingsbrev, date: date, number: number)
    }

    static func encode(_ d: SteeringDocument) throws -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return String(decoding: try enc.encode(d), as: UTF8.self)
    }
}
