import Foundation
import StyrCore
import Vapor

/// The geography tables shipped with the app (copies of ../shared/spec/data, and the municipality
/// changes 1995–2013), loaded once at start-up.
enum GeographyResources {
    static func load() throws -> Geography {
        func text(_ name: String) throws -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Geography") else {
                throw UserError(.internalServerError, "Fant ikke \(name).csv i programpakken.")
            }
            return try String(contentsOf: url, encoding: .utf8)
        }
        return try GeographyLoader.load(
            kommunerCSV: text("kommuner"), historyCSV: text("kommunenummer-2013-2020"), changesCSV: text("kommuneendringer-1995-2013"))
    }
}

struct GeographyKey: StorageKey {
    typealias Value = Geography
}

extension Application {
    /// Municipalities and counties per year; set by `configure`.
    var geography: Geography {
        get { storage[GeographyKey.self]! }
        set { storage[GeographyKey.self] = newValue }
    }
}
