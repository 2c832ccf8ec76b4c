import Foundation

/// Letters made for the importer's tests (variants of the seeds and letters in the genre).
enum FixtureLetters {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }
}
