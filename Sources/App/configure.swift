import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import Vapor

/// Wires the application: database, migrations, sessions, templates, middleware, routes.
public func configure(_ app: Application, settings: Settings) async throws {
    app.storage[SettingsKey.self] = settings
    app.storage[SteeringCacheKey.self] = SteeringCache()
    app.storage[HistoryCacheKey.self] = HistoryCache()
    app.storage[PageCacheKey.self] = PageCache(seconds: settings.pageCacheSeconds, heavySeconds: settings.pageCacheHeavySeconds)
    app.storage[AuthCacheKey.self] = AuthCache(seconds: settings.sessionCacheSeconds)
    app.storage[LoginThrottleKey.self] = LoginThrottle()
    switch settings.database {
    case .sqliteFile(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .postgres(let url):
        // Several connections per event loop: a request's session, user and page queries would
        // otherwise queue behind every other request on the same loop.
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4), as: .psql)
    }
    app.migrations.add(M0001CreateUsers())
    app.migrations.add(M0002CreateDocuments())
    app.migrations.add(SessionRecord.migration)
    app.migrations.add(M0003CreateSettlementRegister())
    app.migrations.add(M0004CreateHistory())
    app.migrations.add(M0005CreateMatching())
    app.migrations.add(M0006CreateAccounts())
    app.migrations.add(M0007CreateReports())
    app.migrations.add(M0008CreateGrants())
    app.migrations.add(M0009CreateControl())
    app.migrations.add(M0010AddStatusEvidence())
    app.migrations.add(M0011CreateMonthlyStatus())
    app.migrations.add(M0012CreateInterpreterRegister())
    app.migrations.add(M0013CreateRegisterExtracts())
    app.migrations.add(M0014IndexRegisterExtracts())
    app.migrations.add(M0015AddMatchExplanations())
    app.migrations.add(M0020HashSessionKeys())
    app.migrations.add(M0021AuditAppendOnly())
    app.migrations.add(M0022AddReportHTMLHash())
    app.migrations.add(M0023AddHistorySkipped())
    app.migrations.add(M0030CreateDeviationNotices())
    app.migrations.add(M0031AddMatchRequests())
    app.migrations.add(M0032AddUserSecondFactor())
    app.migrations.add(M0033CreateSteeringMeetings())
    app.migrations.add(M0034CreateReportingOwners())
    app.migrations.add(M0035CreateLetterDrafts())
    app.migrations.add(M0036CreateArtskonto())
    app.geography = try GeographyResources.load()
    app.pseudonymizer = try Pseudonymizer.load(keyFile: settings.pseudonymKeyFile, create: settings.keepsPseudonymKey)

    app.directory = DirectoryConfiguration(workingDirectory: settings.rootDirectory + "/")
    app.views.use(.leaf)
    app.leaf.cache.isEnabled = app.environment.isRelease

    app.sessions.use { QuietSessions(base: $0.fluent.sessions.driver()) }
    let secure = settings.secureCookies
    // Max-Age, not Expires: the cookie is sent with every response, and formatting an HTTP date
    // each time cost a seventh of the server's time under load.
    app.sessions.configuration = SessionsConfiguration(cookieName: "styr_session") { id in
        HTTPCookies.Value(
            string: id.string, expires: nil, maxAge: 8 * 3600, domain: nil, path: "/",
            isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    app.routes.defaultMaxBodySize = "20mb"
    // gzip for text: HTML, JSON and CSV when the client accepts it (images and PDFs are sent as they are).
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes

    app.middleware = .init()
    app.middleware.use(FrontDoor(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(UserSessions(store: app.sessions.driver, configuration: app.sessions.configuration))
    app.middleware.use(PageCacheWrites())

    try routes(app)
    registerCommands(app)
    app.lifecycle.use(Warmup())
}

/// One route group per area; each route is registered through its `Endpoint`.
func routes(_ app: Application) throws {
    let web = app.routes.grouped(UserSessionAuthenticator())
    let api = app.routes.grouped(TokenAuthenticator())
    AccessRoutes().register(web)
    AccountRoutes().register(web)
    YearRoutes().register(web)
    DocumentRoutes().register(web)
    LetterDraftRoutes().register(web)
    ImportRoutes().register(web)
    SteeringAPIRoutes().register(api)
    StatisticsRoutes().register(web: web, api: api)
    SettlementRoutes().register(web: web, api: api)
    RequestsRoutes().register(web: web, api: api)
    AuditRoutes().register(web: web, api: api)
    MatchingRoutes().register(web: web, api: api)
    HistoryRoutes().register(web: web, api: api)
    AccountsRoutes().register(web: web, api: api)
    QualificationRoutes().register(web: web, api: api)
    ReportsRoutes().register(web: web, api: api)
    GrantsRoutes().register(web: web, api: api)
    ControlRoutes().register(web: web, api: api)
    TargetDraftRoutes().register(web: web)
    MonthlyRoutes().register(web: web, api: api)
    DeviationNoticeRoutes().register(web: web, api: api)
    SteeringMeetingRoutes().register(web: web, api: api)
    ReportingDemandRoutes().register(web: web, api: api)
    ResultsRoutes().register(web: web, api: api)
    web.on(.health) { _ in ["status": "ok"] }
    web.on(.home, use: Landing.home)
}
