import Foundation
import StyrCore
import Vapor

/// Where Styr keeps its data and finds its files. Built from the environment and the
/// command line once at start-up and passed to `configure`.
public struct Settings: Sendable {
    public enum Database: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(String)
    }

    public var database: Database
    /// Folder with `Resources/Views` and `Public`.
    public var rootDirectory: String
    /// Set the Secure flag on cookies: always, unless `STYR_INSECURE_COOKIES=1` (plain-http development).
    public var secureCookies: Bool
    /// How long a shared rendered page is kept (`STYR_PAGE_CACHE_SECONDS`; 0 turns the cache off).
    public var pageCacheSeconds: Double
    /// How long a page that is slow to compute is kept (`STYR_PAGE_CACHE_HEAVY_SECONDS`, 60; never
    /// shorter than `pageCacheSeconds`). A write in the same process empties the cache at once.
    public var pageCacheHeavySeconds: Double = 60
    /// How long a page view reuses its session's and API token's user (`STYR_SESSION_CACHE_SECONDS`;
    /// 0 reads them from the database on every request).
    public var sessionCacheSeconds: Double
    /// The clock every page, report and command reads today's date from (`STYR_TODAY=ÅÅÅÅ-MM-DD`
    /// fixes it; the system clock otherwise).
    var clock: Clock
    /// Keep the pseudonym key in its file, made on first use (false for a dry run: the key lives
    /// only in the process and nothing is written).
    var keepsPseudonymKey = true

    public init(
        database: Database, rootDirectory: String, secureCookies: Bool = true, pageCacheSeconds: Double = 2,
        sessionCacheSeconds: Double = 1
    ) {
        self.init(
            database: database, rootDirectory: rootDirectory, secureCookies: secureCookies, pageCacheSeconds: pageCacheSeconds,
            sessionCacheSeconds: sessionCacheSeconds, clock: .system)
    }

    init(
        database: Database, rootDirectory: String, secureCookies: Bool = true, pageCacheSeconds: Double = 2,
        sessionCacheSeconds: Double = 1, clock: Clock
    ) {
        self.clock = clock
        self.database = database
        self.rootDirectory = rootDirectory
        self.secureCookies = secureCookies
        self.pageCacheSeconds = pageCacheSeconds
        self.sessionCacheSeconds = sessionCacheSeconds
    }

    /// `DATABASE_URL` (PostgreSQL) wins; otherwise the SQLite file from `--db` or `STYR_DB`,
    /// defaulting to `styr.sqlite` in the working directory.
    public static func fromEnvironment(dbPath: String?) -> Settings {
        let env = ProcessInfo.processInfo.environment
        let db: Database
        if let url = env["DATABASE_URL"], !url.isEmpty {
            db = .postgres(url)
        } else {
            db = .sqliteFile(dbPath ?? env["STYR_DB"] ?? "styr.sqlite")
        }
        var settings = Settings(
            database: db, rootDirectory: locateRoot(), secureCookies: env["STYR_INSECURE_COOKIES"] != "1",
            pageCacheSeconds: env["STYR_PAGE_CACHE_SECONDS"].flatMap(Double.init) ?? 2,
            sessionCacheSeconds: env["STYR_SESSION_CACHE_SECONDS"].flatMap(Double.init) ?? 1,
            clock: env["STYR_TODAY"].flatMap(CivilDate.init(iso:)).map(Clock.fixed) ?? .system)
        settings.pageCacheHeavySeconds = env["STYR_PAGE_CACHE_HEAVY_SECONDS"].flatMap(Double.init) ?? 60
        return settings
    }

    /// The project root: `STYR_ROOT`, else the working directory if it has Resources/Views,
    /// else the source checkout this binary was built from.
    public static func locateRoot() -> String {
        let fm = FileManager.default
        if let root = ProcessInfo.processInfo.environment["STYR_ROOT"] { return root }
        let cwd = fm.currentDirectoryPath
        if fm.fileExists(atPath: cwd + "/Resources/Views") { return cwd }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return source.path
    }

    /// Where the pseudonym key lives when `STYR_PSEUDONYM_KEY` is not set: beside the SQLite file,
    /// or in the working directory.
    public var pseudonymKeyFile: String {
        switch database {
        case .sqliteFile(let p): URL(fileURLWithPath: p).deletingLastPathComponent().appendingPathComponent("styr-pseudonym.key").path
        case .sqliteMemory: FileManager.default.temporaryDirectory.appendingPathComponent("styr-test-pseudonym.key").path
        case .postgres: "styr-pseudonym.key"
        }
    }

    public var databaseDescription: String {
        switch database {
        case .sqliteFile(let p): "SQLite \(p)"
        case .sqliteMemory: "SQLite (minne)"
        case .postgres: "PostgreSQL"
        }
    }
}

extension Application {
    var databaseDescription: String {
        (storage[SettingsKey.self]?.databaseDescription) ?? "database"
    }
}

struct SettingsKey: StorageKey {
    typealias Value = Settings
}
