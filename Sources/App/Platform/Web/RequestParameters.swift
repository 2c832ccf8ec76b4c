import StyrCore
import Vapor

extension Request {
    var role: Role { auth.get(UserModel.self)?.roleValue ?? .public }
    var actor: String { auth.get(UserModel.self)?.username ?? "anonym" }

    /// The page number asked for (`side` or `page`), kept within 1…1 000 000 so that offsets can
    /// never overflow.
    var pageNumber: Int {
        let asked = (try? query.get(Int.self, at: "side")) ?? (try? query.get(Int.self, at: "page")) ?? 1
        return min(max(1, asked), 1_000_000)
    }

    func yearParameter() throws -> Int {
        guard let y = parameters.get("year", as: Int.self), (1990...2100).contains(y) else {
            throw UserError(.notFound, "Ugyldig år i adressen.")
        }
        return y
    }

    /// Optional `?dato=ÅÅÅÅ-MM-DD` (or `asOf` in the API) for the as-amended view.
    func asOfParameter() throws -> String? {
        guard let raw = (try? query.get(String.self, at: "dato")) ?? (try? query.get(String.self, at: "asOf")), !raw.isEmpty else {
            return nil
        }
        guard CivilDate(iso: raw) != nil else { throw UserError(.badRequest, "Datoen må være på formen ÅÅÅÅ-MM-DD.", field: "dato") }
        return raw
    }

    func amendedYear() async throws -> AmendedYear {
        let year = try yearParameter()
        guard let view = try await application.steeringCache.amendedYear(year, asOf: try asOfParameter(), on: db) else {
            throw UserError(.notFound, "Ingen publiserte styringsdokumenter for \(year).")
        }
        return view
    }
}

extension Request {
    private struct RoutePathKey: StorageKey { typealias Value = String }

    /// The request's path, read once: Vapor's `url.path` rebuilds and rewrites it through Foundation
    /// on every call, and the middleware of every request asks for it more than once.
    var routePath: String {
        if let known = storage[RoutePathKey.self] { return known }
        let path = url.path
        storage[RoutePathKey.self] = path
        return path
    }
}
