import Foundation

/// Paths of the real letters shipped with the app (copies of ../shared/seeds).
enum Fixtures {
    static let lettersDir = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/App/Resources/Letters")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: lettersDir.appendingPathComponent(name), encoding: .utf8)
    }
}
