import NIOConcurrencyHelpers
import Vapor

/// The caller's session for one request: the data stored under the `styr_session` cookie
/// (`UserSessions` reads it before the handlers and stores it after them through `QuietSessions`).
final class UserSession: Sendable {
    private struct State {
        var id: SessionID?
        var data: SessionData
        var isValid = true
    }
    private let state: NIOLockedValueBox<State>

    init(id: SessionID? = nil, data: SessionData = SessionData()) {
        state = NIOLockedValueBox(State(id: id, data: data))
    }

    /// The session's key (the cookie's value); nil until the session is stored for the first time.
    var id: SessionID? {
        get { state.withLockedValue { $0.id } }
        set { state.withLockedValue { $0.id = newValue } }
    }

    var data: SessionData {
        get { state.withLockedValue { $0.data } }
        set { state.withLockedValue { $0.data = newValue } }
    }

    /// False once `destroy` was called: the session is deleted and its cookie expired.
    var isValid: Bool { state.withLockedValue { $0.isValid } }

    func destroy() { state.withLockedValue { $0.isValid = false } }

    /// The logged-in user's id, under the key Vapor's session authentication used
    /// (`AuthQueries.sessionUserKey`, which the session query reads).
    var userID: UUID? { data[AuthQueries.sessionUserKey].flatMap(UUID.init(uuidString:)) }

    func authenticate(_ user: UserModel) {
        guard let id = user.id?.uuidString, data[AuthQueries.sessionUserKey] != id else { return }
        data[AuthQueries.sessionUserKey] = id
    }

    func unauthenticate() {
        guard data[AuthQueries.sessionUserKey] != nil else { return }
        data[AuthQueries.sessionUserKey] = nil
    }
}

extension Request {
    private struct UserSessionKey: StorageKey { typealias Value = UserSession }

    /// This request's session, created (empty, not yet stored) on first use.
    var userSession: UserSession {
        if let existing = storage[UserSessionKey.self] { return existing }
        let new = UserSession()
        storage[UserSessionKey.self] = new
        return new
    }

    /// The session the request came with or has started; reading this creates nothing.
    var startedUserSession: UserSession? { storage[UserSessionKey.self] }

    fileprivate func setUserSession(_ session: UserSession) { storage[UserSessionKey.self] = session }
}

/// Reads the session named by the `styr_session` cookie before the handlers and stores what they
/// changed after them (in place of Vapor's `SessionsMiddleware`, which parsed every cookie and
/// set the cookie again on every response). The cookie is sent only when it changes: when a
/// session is first stored (a login), and expired when the session ends or was not found. It
/// carries `Max-Age` equal to the session's absolute lifetime, so sending it again would add
/// nothing. A session with no data is never stored (no row and no cookie for anonymous callers).
struct UserSessions: Middleware {
    let store: any SessionDriver
    let configuration: SessionsConfiguration

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let sent = request.headers.cookie(named: configuration.cookieName) else {
            return next.respond(to: request).flatMap { finish($0, for: request, sent: nil) }
        }
        let id = SessionID(string: sent)
        return store.readSession(id, for: request).flatMap { data in
            request.setUserSession(data.map { UserSession(id: id, data: $0) } ?? UserSession())
            return next.respond(to: request).flatMap { finish($0, for: request, sent: sent) }
                .flatMapErrorThrowing { error in
                    // An error page (made outside, by `FrontDoor`) forgets a key that named no session too.
                    if data == nil { request.storage[ForgetKey.self] = true }
                    throw error
                }
        }
    }

    /// The request's cookie named no live session and its answer is an error page.
    struct ForgetKey: StorageKey { typealias Value = Bool }

    /// The cookie that makes a browser forget its session key (sent with the flags the key had).
    static func expired(_ configuration: SessionsConfiguration) -> HTTPCookies.Value {
        var cookie = configuration.cookieFactory(SessionID(string: ""))
        cookie.expires = Date(timeIntervalSince1970: 0)
        cookie.maxAge = nil
        return cookie
    }

    /// Adds the forgetting cookie to an error page when the request's key named no session.
    static func forgetOnError(_ request: Request, _ response: Response, _ configuration: SessionsConfiguration) {
        guard request.storage[ForgetKey.self] == true else { return }
        response.cookies[configuration.cookieName] = expired(configuration)
    }

    private func finish(_ response: Response, for request: Request, sent: String?) -> EventLoopFuture<Response> {
        let session = request.startedUserSession
        if let session, session.isValid {
            if let id = session.id {
                // Unchanged data costs nothing (`QuietSessions` compares it with what it read).
                return store.updateSession(id, to: session.data, for: request).map { stored in
                    if stored.string != sent { response.cookies[configuration.cookieName] = configuration.cookieFactory(stored) }
                    return response
                }
            }
            if !session.data.snapshot.isEmpty {
                return store.createSession(session.data, for: request).map { stored in
                    response.cookies[configuration.cookieName] = configuration.cookieFactory(stored)
                    return response
                }
            }
        }
        // Ended, never stored, or not found: the browser forgets the cookie.
        guard let sent else { return request.eventLoop.makeSucceededFuture(response) }
        let ended = session.map { !$0.isValid } ?? false
        let delete = ended ? store.deleteSession(SessionID(string: sent), for: request) : request.eventLoop.makeSucceededVoidFuture()
        return delete.map {
            response.cookies[configuration.cookieName] = Self.expired(configuration)
            return response
        }
    }
}
