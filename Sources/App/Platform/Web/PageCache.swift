import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Rendered responses of read-only endpoints, shared by every caller with the same role and
/// municipality (callers who are not logged in share with each other only). A page is rendered once
/// with markers where the caller's own CSRF token and user name go, kept for a few seconds
/// (`STYR_PAGE_CACHE_SECONDS`) and filled in per request. Pages that take long to compute (report
/// drafts, statistics over the whole register) are kept longer (`STYR_PAGE_CACHE_HEAVY_SECONDS`,
/// 60): a write in this process empties the cache anyway, so a draft is rendered once per change,
/// not once per request. When a page has expired, the first caller renders it anew while the others
/// are served the expired copy (stale while revalidating), so nobody queues behind a slow render of
/// a page that exists.
///
/// Freshness: every write handled by this process (any request that is not GET/HEAD) empties the
/// cache at once, and a render that started before such a write is not kept.
/// A user who wrote through another server process bypasses the cache while their write is younger
/// than the lifetime (a cookie their browser sends to every process, `PageCacheWrites`); other
/// users of other processes see a change within the lifetime. Only endpoints declared `cacheable`
/// are cached — never person-level data, whose every read is logged.
final class PageCache: Sendable {
    static let csrfMarker = "styr-shared-csrf-7d1e"
    static let userMarker = "styr-shared-user-7d1e"

    struct Key: Hashable, Sendable {
        let uri: String
        let role: String
        let kommune: String
        let day: String
    }

    /// A stored response: the body cut at the markers, so serving it is a few copies.
    struct Entry: Sendable {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let segments: [Segment]
        /// The same body gzip-compressed, for clients that accept it; nil for small or binary bodies.
        let gzip: GzipTemplate?
        /// Bytes held: the plain body and the compressed one.
        let size: Int
        /// Bytes of the plain body without the caller's fills.
        let plainSize: Int
        let expires: NIODeadline
    }

    enum Segment: Sendable {
        case bytes(ByteBuffer)
        case csrf
        case user

        var piece: GzipTemplate.Piece {
            switch self {
            case .bytes(let b): .text(b.readableBytesView)
            case .csrf: .hole(.csrf)
            case .user: .hole(.user)
            }
        }
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var generation = 0
        var inFlight: [Key: EventLoopPromise<Entry?>] = [:]
    }

    let lifetime: TimeAmount
    /// For pages that are slow to compute; never shorter than `lifetime`.
    let heavyLifetime: TimeAmount
    let maxBytes: Int
    private let state = NIOLockedValueBox(State())

    init(seconds: Double, heavySeconds: Double = 60, maxBytes: Int = 64 << 20) {
        self.lifetime = .milliseconds(Int64(max(0, seconds) * 1000))
        self.heavyLifetime = seconds > 0 ? .milliseconds(Int64(max(seconds, heavySeconds) * 1000)) : .zero
        self.maxBytes = maxBytes
    }

    var isEnabled: Bool { lifetime > .zero }

    /// Forgets everything; renders already under way are not kept.
    func invalidate() {
        state.withLockedValue {
            $0.entries.removeAll()
            $0.bytes = 0
            $0.generation += 1
        }
    }

    /// What a caller finds for a key: a fresh entry, a render under way to wait for, or the duty to
    /// render it (with the generation to store it under).
    enum Lookup {
        case hit(Entry)
        case wait(EventLoopFuture<Entry?>)
        case render(generation: Int, promise: EventLoopPromise<Entry?>)
    }

    func lookup(_ key: Key, on eventLoop: any EventLoop) -> Lookup {
        state.withLockedValue { s in
            if let e = s.entries[key] {
                // Fresh, or expired while another caller renders it anew.
                if e.expires > .now() || s.inFlight[key] != nil { return .hit(e) }
            }
            if let p = s.inFlight[key] { return .wait(p.futureResult) }
            let promise = eventLoop.makePromise(of: Entry?.self)
            s.inFlight[key] = promise
            return .render(generation: s.generation, promise: promise)
        }
    }

    /// Ends a render: keeps the entry if nothing was written meanwhile, and wakes those waiting.
    func finish(_ key: Key, entry: Entry?, generation: Int, promise: EventLoopPromise<Entry?>) {
        let kept: Entry? = state.withLockedValue { s in
            s.inFlight[key] = nil
            guard let entry, s.generation == generation else { return nil }
            if let old = s.entries[key] { s.bytes -= old.size }
            if s.bytes + entry.size > maxBytes {
                s.entries.removeAll()
                s.bytes = 0
            }
            s.entries[key] = entry
            s.bytes += entry.size
            return entry
        }
        promise.succeed(kept)
    }

    /// Cuts a rendered body at the markers. Pages and redirects (the front page's to the latest
    /// year) are kept; errors never.
    func entry(from response: Response, heavy: Bool = false) -> Entry? {
        let redirect = (300..<400).contains(response.status.code) && response.headers.first(name: .location) != nil
        guard response.status == .ok || redirect else { return nil }
        let buffer = response.body.buffer ?? ByteBuffer()
        let bytes = Array(buffer.readableBytesView)
        var segments: [Segment] = []
        var start = 0
        var i = 0
        let markers: [([UInt8], Segment)] = [(Array(Self.csrfMarker.utf8), .csrf), (Array(Self.userMarker.utf8), .user)]
        let first = UInt8(ascii: "s")
        while i < bytes.count {
            if bytes[i] == first,
                let (marker, segment) = markers.first(where: { m in bytes[i...].starts(with: m.0) })
            {
                if i > start { segments.append(.bytes(ByteBuffer(bytes: bytes[start..<i]))) }
                segments.append(segment)
                i += marker.count
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count { segments.append(.bytes(ByteBuffer(bytes: bytes[start...]))) }
        var headers = response.headers
        headers.remove(name: .contentLength)
        headers.remove(name: .setCookie)
        let gzip = Self.compressible(headers, size: bytes.count) ? GzipTemplate(segments.map(\.piece)) : nil
        if gzip != nil { headers.replaceOrAdd(name: .vary, value: "Accept-Encoding") }
        return Entry(
            status: response.status, headers: headers, segments: segments, gzip: gzip,
            size: bytes.count + (gzip?.size ?? 0), plainSize: bytes.count, expires: .now() + (heavy ? heavyLifetime : lifetime))
    }

    /// Text worth compressing: HTML, JSON, CSV and the like, of at least a kilobyte.
    static func compressible(_ headers: HTTPHeaders, size: Int) -> Bool {
        guard size >= 1024, let type = headers.contentType else { return false }
        return type.type == "text" || ["json", "xml", "javascript"].contains { type.subType.contains($0) }
    }

    /// The caller's response from an entry: gzip-compressed when the client takes it.
    static func response(_ entry: Entry, csrf: @autoclosure () -> String, user: String, state: String, gzip: Bool) -> Response {
        if gzip, let template = entry.gzip {
            var headers = entry.headers
            headers.replaceOrAdd(name: "X-Styr-Cache", value: state)
            headers.replaceOrAdd(name: .contentEncoding, value: "gzip")
            // Already compressed: the server's own compressor leaves it as it is.
            headers.responseCompression = .disable
            let body = template.body(csrf: csrf, user: { HTML.escape(user) })
            return Response(status: entry.status, headers: headers, body: .init(buffer: body))
        }
        var body = ByteBuffer()
        body.reserveCapacity(entry.plainSize + 64)
        var token: String?
        for segment in entry.segments {
            switch segment {
            case .bytes(var b): body.writeBuffer(&b)
            case .csrf:
                if token == nil { token = csrf() }
                body.writeString(token!)
            case .user: body.writeString(HTML.escape(user))
            }
        }
        var headers = entry.headers
        headers.replaceOrAdd(name: "X-Styr-Cache", value: state)
        return Response(status: entry.status, headers: headers, body: .init(buffer: body))
    }
}

/// Serves a cacheable endpoint from the page cache, rendering it once per role, municipality,
/// address and day. An `EventLoopFuture` middleware: a hit is answered on the event loop, without
/// the task and thread hops an async middleware costs per request.
struct PageCacheMiddleware: Middleware {
    /// The endpoint is slow to compute: kept for `heavyLifetime`.
    var heavy = false

    /// The key's role for callers who are not logged in: their pages differ from a logged-in
    /// public user's (the header's login link against the name and the logout form).
    static let anonymous = "anonym"

    /// The request is rendering a page to share: `PageContext` writes markers instead of the
    /// caller's own token and name.
    struct SharedRenderKey: StorageKey { typealias Value = Bool }

    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let cache = req.application.pageCache
        guard cache.isEnabled, req.method == .GET, !PageCacheWrites.wroteRecently(req, within: cache.heavyLifetime), !Flash.waiting(req)
        else {
            return next.respond(to: req)
        }
        let user = req.auth.get(UserModel.self)
        let key = PageCache.Key(
            uri: req.routePath + (req.url.query.map { "?" + $0 } ?? ""), role: user.map { $0.roleValue.rawValue } ?? Self.anonymous,
            kommune: user?.kommune ?? "", day: req.today.iso)
        switch cache.lookup(key, on: req.eventLoop) {
        case .hit(let entry):
            return req.eventLoop.makeSucceededFuture(serve(entry, to: req, user: user, state: "hit"))
        case .wait(let future):
            return future.hop(to: req.eventLoop).flatMap { entry in
                guard let entry else { return next.respond(to: req) }
                return req.eventLoop.makeSucceededFuture(serve(entry, to: req, user: user, state: "shared"))
            }
        case .render(let generation, let promise):
            req.storage[SharedRenderKey.self] = true
            return next.respond(to: req).flatMapErrorThrowing { error in
                // The error page is rendered outside, for this caller alone.
                req.storage[SharedRenderKey.self] = nil
                cache.finish(key, entry: nil, generation: generation, promise: promise)
                throw error
            }.map { response in
                guard let entry = cache.entry(from: response, heavy: heavy) else {
                    cache.finish(key, entry: nil, generation: generation, promise: promise)
                    req.storage[SharedRenderKey.self] = nil
                    return response
                }
                cache.finish(key, entry: entry, generation: generation, promise: promise)
                return serve(entry, to: req, user: user, state: "miss")
            }
        }
    }

    private func serve(_ entry: PageCache.Entry, to req: Request, user: UserModel?, state: String) -> Response {
        PageCache.response(
            entry, csrf: CSRF.token(req, loggedIn: user != nil), user: user?.username ?? "", state: state,
            gzip: GzipTemplate.accepted(req.headers[.acceptEncoding]))
    }
}

/// Empties the page cache after every write this process handles, and tells the writer's browser
/// when they last wrote (cookie `styr_wrote`), so that their next pages bypass the cache in every
/// process — whatever that process's copy of their session says.
struct PageCacheWrites: Middleware {
    static let cookieName = "styr_wrote"

    /// Reads pass straight through (no task); a write empties the cache once it has been answered.
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // Logging in or out changes no shared data.
        if req.method == .GET || req.method == .HEAD || req.routePath == "/login" || req.routePath == "/logout" {
            return next.respond(to: req)
        }
        let cache = req.application.pageCache
        return next.respond(to: req).always { _ in cache.invalidate() }.map { response in
            if cache.isEnabled {
                let seconds = Int(cache.heavyLifetime.nanoseconds / 1_000_000_000) + 2
                response.cookies[Self.cookieName] = HTTPCookies.Value(
                    string: String(Int(Date().timeIntervalSince1970)), maxAge: seconds, path: "/",
                    isSecure: req.application.configured(SettingsKey.self).secureCookies, isHTTPOnly: true, sameSite: .lax)
            }
            return response
        }
    }

    static func wroteRecently(_ req: Request, within lifetime: TimeAmount) -> Bool {
        guard let text = req.headers.cookie(named: cookieName), let at = Double(text) else { return false }
        return Date().timeIntervalSince1970 - at <= Double(lifetime.nanoseconds) / 1e9 + 1
    }
}

struct PageCacheKey: StorageKey {
    typealias Value = PageCache
}

extension Application {
    /// Set once in `configure`.
    var pageCache: PageCache { configured(PageCacheKey.self) }
}
