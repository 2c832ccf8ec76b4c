import StyrCore
import Vapor

/// Assignment ids in URLs: "08/2019" ↔ "08_2019".
enum AssignmentSlug {
    static func encode(_ id: String) -> String { id.replacingOccurrences(of: "/", with: "_") }
    static func decode(_ slug: String) -> String { slug.replacingOccurrences(of: "_", with: "/") }
}
