import Foundation
import StyrCore
import Vapor

/// Renders a report to HTML (the Leaf template `report`) and to PDF (headless Chromium prints the
/// HTML; page numbers, cover and repeated table headers come from the print CSS).
enum ReportRenderer {
    static func html(_ view: ReportView, app: Application) async throws -> String {
        let rendered = try await app.view.render("reports/report", view).get()
        return String(buffer: rendered.data)
    }

    /// Prints HTML to PDF bytes. Throws a clear error when Chromium is missing or fails.
    static func pdf(html: String) throws -> Data {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("styr-report-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let input = dir.appendingPathComponent("report.html")
        let output = dir.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: input)
        let browser = ["chromium", "chromium-browser", "google-chrome"].first { name in
            (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
                fm.isExecutableFile(atPath: "\($0)/\(name)")
            }
        }
        guard let browser else {
            throw UserError(
                .serviceUnavailable, "Fant ikke Chromium for PDF-utskrift; installer pakken chromium (scripts/setup.sh gjør det).")
        }
        let out = try ExternalTool.run([
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=\(dir.path)/profile",
            "--print-to-pdf=\(output.path)", input.absoluteString,
        ])
        guard let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else {
            throw UserError(.internalServerError, "PDF-utskriften feilet: \(out.stderr.suffix(400))")
        }
        return data
    }

    /// The draft (with people's texts as they stand) or nil hash; links absolute to `base`.
    static func draftView(_ d: ReportDocument, base: String, web: Bool, canEdit: Bool, csrf: String) -> ReportView {
        ReportView(d, state: "Utkast", hash: nil, base: base, web: web, canEdit: canEdit, csrf: csrf)
    }
}
