import StyrCore
import Vapor

/// Rights that depend on what a request asks for, not only on its route (`Endpoint.roles`).
enum Rights {
    /// Publishing a steering document (letter, supplement, instruction) is the ministry's right:
    /// the directorate may import and store drafts (`/import/lagre`, `POST /api/v1/documents`),
    /// but asking to publish them is refused with 403.
    static func requirePublishing(_ req: Request, publish: Bool) throws {
        guard publish, req.role != .ministry else { return }
        throw UserError(.forbidden, "Bare departementet kan publisere styringsdokumenter. Lagre dokumentet som utkast.", field: "publish")
    }
}
