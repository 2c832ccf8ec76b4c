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
    /// "?dato=ÅÅÅÅ-MM-DD" when the page shows a year as amended at a date: the year's links keep it.
    let asOfQuery: String
    /// The success message of the form post that led here (Post/Redirect/Get), shown once.
    let flash: String?

    init(_ req: Request, title: String, year: Int? = nil) {
        self.title = title
        let user = req.auth.get(UserModel.self)
        let shared = req.storage[PageCacheMiddleware.SharedRenderKey.self] == true
        self.username = shared && user != nil ? PageCache.userMarker : user?.username
        self.roleLabel = user?.roleValue.label
        self.isMinistry = user?.roleValue == .ministry
        self.isDirectorate = user?.roleValue == .directorate
        self.isStaff = user?.roleValue.isStaff ?? false
        self.seesRegisters = isDirectorate || user?.roleValue == .municipality
        self.seesRequests = Endpoint.registerRequests.roles.contains(user?.roleValue ?? .public) && user != nil
        self.year = year
        self.csrf = shared ? PageCache.csrfMarker : CSRF.token(req)
        self.path = req.routePath
        let dato = (try? req.query.get(String.self, at: "dato")).flatMap(CivilDate.init(iso:))
        self.asOfQuery = dato.map { "?dato=\($0.iso)" } ?? ""
        self.flash = shared ? nil : Flash.take(req)
    }
}
