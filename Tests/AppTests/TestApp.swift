import Fluent
import FluentSQL
import Foundation
import StyrCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Every app test: one serialized suite (the tests share the PostgreSQL schema when it is used);
/// each feature adds its own nested suite in its folder.
@Suite(.serialized) struct AppSuite {}

/// Builds the real app on a fresh database: in-memory SQLite, or PostgreSQL when
/// TEST_DATABASE_URL is set (the schema is dropped and recreated for every test). `today` fixes the
/// application's clock at a date (the system clock otherwise).
func withApp(today: CivilDate? = nil, clock: Clock? = nil, _ body: (Application) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    let env = ProcessInfo.processInfo.environment
    let database: Settings.Database = env["TEST_DATABASE_URL"].map { .postgres($0) } ?? .sqliteMemory
    do {
        try await configure(
            app,
            settings: Settings(database: database, rootDirectory: Settings.locateRoot(), clock: clock ?? today.map(Clock.fixed) ?? .system))
        if case .postgres = database, let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await app.autoMigrate()
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// A clock a test moves from one day to the next (noon in Oslo each day).
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var day: CivilDate
    init(_ day: CivilDate) { self.day = day }
    func move(to day: CivilDate) { lock.withLock { self.day = day } }
    var clock: Clock { Clock(now: { [self] in Clock.fixed(lock.withLock { day }).now() }) }
}

/// The demo content: both real letters through the importer, users of every role.
/// NIR and the other registers only when a test asks (`qualificationScale`).
func seedDemo(_ app: Application, settlementYears: ClosedRange<Int>? = nil, qualificationScale: Double? = nil) async throws {
    try await DemoCommand.build(app, settlementYears: settlementYears, qualificationScale: qualificationScale)
}

/// A browser-like client: keeps its cookies and reads the CSRF token from forms.
final class Client: @unchecked Sendable {
    let app: Application
    /// The cookies by name, as the server last set them.
    var cookies: [String: String] = [:]
    /// The session cookie (`styr_session=…`), or nil before the first response that sets it.
    var cookie: String? {
        get { cookies["styr_session"].map { "styr_session=\($0)" } }
        set {
            guard let newValue, let eq = newValue.firstIndex(of: "=") else { return cookies["styr_session"] = nil }
            cookies[String(newValue[..<eq])] = String(newValue[newValue.index(after: eq)...])
        }
    }
    var csrf: String?
    var bearer: String?

    init(_ app: Application) { self.app = app }

    struct Result {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: String
    }

    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, form: [String: String]? = nil, json: (any Encodable)? = nil, raw: String? = nil,
        multipart: String? = nil, boundary: String = ""
    ) async throws -> Result {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let bearer { headers.bearerAuthorization = BearerAuthorization(token: bearer) }
        var body = ByteBuffer()
        if var form {
            if let csrf, form["csrf"] == nil { form["csrf"] = csrf }
            let encoded = form.map { k, v in
                "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            body.writeString(encoded)
            headers.contentType = .urlEncodedForm
        } else if let multipart {
            body.writeString(multipart)
            headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
        } else if let raw {
            body.writeString(raw)
            headers.contentType = HTTPMediaType(type: "text", subType: "csv")
        } else if let json {
            body.writeBytes(try JSONEncoder().encode(json))
            headers.contentType = .json
        }
        let res = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for set in res.headers[.setCookie] {
            if let value = set.split(separator: ";").first { cookie = String(value) }
        }
        let text = res.body.string
        if let r = text.range(of: #"name="csrf" value="([^"]+)""#, options: .regularExpression) {
            let match = String(text[r])
            csrf = match.components(separatedBy: "value=\"").last.map { String($0.dropLast()) }
        }
        return Result(status: res.status, headers: res.headers, body: text)
    }

    func get(_ path: String) async throws -> Result { try await send(.GET, path) }

    func login(_ username: String, _ password: String) async throws {
        _ = try await get("/login")
        let r = try await send(.POST, "/login", form: ["username": username, "password": password, "neste": "/"])
        #expect(r.status == .seeOther || r.status == .found, "login \(username): \(r.status)")
    }
}

/// Demo credentials by role.
let demoLogin: [Role: (String, String)] = [
    .ministry: ("departement", "demo-departement"),
    .directorate: ("direktorat", "demo-direktorat"),
    .municipality: ("kommune", "demo-kommune"),
    .public: ("publikum", "demo-publikum"),
]
