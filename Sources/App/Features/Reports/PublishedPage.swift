import Foundation
import StyrCore
import Vapor

/// The public list of what is published (instruks 5.5): letters and supplements when received,
/// the annual report by 1 May the year after, with the rule's status per year.
extension ReportsRoutes {
    struct PublishedDocument: Encodable {
        let id: String
        let name: String
        let date: String
        let hash: String?
    }

    struct PublishedReport: Encodable {
        let year: Int
        let versionID: String?
        let version: Int?
        let received: String?
        let due: String
        let late: Bool
    }

    struct PublishedPage: Encodable {
        let page: PageContext
        let documents: [PublishedDocument]
        let reports: [PublishedReport]
    }

    func published(req: Request) async throws -> View {
        let docs = try await SteeringStore.allDocuments(includeDrafts: false, on: req.db)
        let documents = docs.map {
            PublishedDocument(
                id: $0.id?.uuidString ?? "", name: $0.ref.name, date: $0.date.map(NorwegianText.shortDate) ?? "udatert",
                hash: $0.contentHash)
        }
        let received = try await ReportsStore.receivedAnnual(on: req.db)
        let years = Set(docs.compactMap(\.year)).union(received.map(\.year)).sorted(by: >)
        let today = req.today
        let reports = years.map { y -> PublishedReport in
            let v = received.first { $0.year == y }
            let due = CivilDate(iso: "\(y + 1)-05-01")!
            return PublishedReport(
                year: y, versionID: v?.id.uuidString, version: v?.version, received: v?.received_at.map { Self.day($0) },
                due: NorwegianText.longDate(due.iso), late: v == nil && due < today)
        }
        return try await req.view.render(
            "reports/published", PublishedPage(page: PageContext(req, title: "Publisert"), documents: documents, reports: reports))
    }
}
