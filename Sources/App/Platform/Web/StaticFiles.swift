import Vapor

/// Serves `Public/` only for the static prefixes it holds (`/css/`), so other requests neither
/// touch the file system nor fail on names the file system refuses (e.g. overlong segments).
/// Called by `FrontDoor`.
struct StaticFiles: AsyncMiddleware {
    let files: FileMiddleware
    let prefixes: [String]

    init(publicDirectory: String, prefixes: [String] = ["/css/"]) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        self.prefixes = prefixes
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.routePath
        guard prefixes.contains(where: path.hasPrefix), path.utf8.count < 256 else { return try await next.respond(to: request) }
        return try await files.respond(to: request, chainingTo: next)
    }
}
