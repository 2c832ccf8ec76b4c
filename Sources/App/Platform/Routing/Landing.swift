import StyrCore
import Vapor

/// Where `/` leads: a municipality to its own request and decision page (or its own figures), everyone
/// else to the year the statistics open at too (`DefaultYear`), or the documents when there is no year.
enum Landing {
    /// The year pages' and the statistics' common default year.
    static func defaultYear(_ req: Request) async throws -> Int? {
        let letters = try await SteeringStore.years(on: req.db)
        let statistics = try await req.application.registerCache.settledYears(on: req.db)
        return DefaultYear.pick(letters: letters, statistics: statistics, today: req.today)
    }

    static func home(req: Request) async throws -> Response {
        if req.role == .municipality, let kommune = req.auth.get(UserModel.self)?.kommune {
            if let year = try await SettlementStore.requestYears(on: req.db).first {
                return req.redirect(to: Endpoint.registerRequest.url(year, kommune))
            }
            return req.redirect(to: Endpoint.indicators.url(query: [("enhet", "kommune:\(kommune)")]))
        }
        let letters = try await SteeringStore.years(on: req.db)
        guard !letters.isEmpty, let year = try await defaultYear(req) else { return req.redirect(to: Endpoint.documents.url()) }
        return req.redirect(to: Endpoint.yearOverview.url(year))
    }
}
