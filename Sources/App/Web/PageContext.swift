import StyrCore
import Vapor

/// What every page shows around its content: title, who is logged in, navigation, CSRF token.
struct PageContext: Encodable {
    let title: String
    let username: String?
    let roleLabel: String?
    let isMinistry: Bool
    let isDirectorate: Bool
    let isStaff: Bool
    let seesRegisters: Bool
    let seesRequests: Bool
    let year: Int?
    let csrf: String
    let path: String

    init(_ req: Request, title: String, year: Int? = nil) {
        self.title = title
        let user = req.auth.get(UserModel.self)
        let shared = req.storage[PageCacheMiddleware.SharedRenderKey.self] == true
        self.username = shared && user != nil ? PageCache.userMarker : user?.username
        self.roleLabel = user?.roleValue.label
        self.isMinistry = user?.roleValue == .ministry
        self.isDirectorate = user?.roleValue == .directorate
        self.isStaff = isMinistry || isDirectorate
        self.seesRegisters = isDirectorate || user?.roleValue == .municipality
        self.seesRequests = Endpoint.registerRequests.roles.contains(user?.roleValue ?? .public) && user != nil
        self.year = year
        self.csrf = shared ? PageCache.csrfMarker : CSRF.token(req)
        self.path = req.url.path
    }
}

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

/// Assignment ids in URLs: "08/2019" ↔ "08_2019".
enum AssignmentSlug {
    static func encode(_ id: String) -> String { id.replacingOccurrences(of: "/", with: "_") }
    static func decode(_ slug: String) -> String { slug.replacingOccurrences(of: "_", with: "/") }
}

/// Today's date in Norway, as a civil date.
enum Clock {
    /// A moment as Norwegian pages show it: "24.11.2026 17:46" (Oslo time).
    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "dd.MM.yyyy HH:mm"
        f.timeZone = TimeZone(identifier: "Europe/Oslo")
        return f.string(from: date)
    }

    static func today() -> CivilDate {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/Oslo") ?? .current
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
