import Foundation
import StyrCore

/// Time-series charts as SVG, drawn on the server (no JavaScript).
enum Charts {
    struct Point {
        let year: Int
        let value: Double?
        /// Imported history (drawn as a hollow point) rather than a register figure.
        var imported = false
    }

    /// A line chart of yearly values with an optional dashed target line.
    /// `xLabel` names a point on the axis (the year by default); hollow points carry `hollowNote`.
    static func timeSeries(
        _ points: [Point], target: Double?, unit: String, title: String, targetLabel: String = "Mål",
        hollowNote: String = " (importert statistikk)", xLabel: (Int) -> String = { String($0) }
    ) -> String {
        let width = 560.0, height = 220.0, left = 56.0, right = 16.0, top = 18.0, bottom = 32.0
        let values = points.compactMap(\.value) + (target.map { [$0] } ?? [])
        guard !points.isEmpty, let maxV = values.max() else { return "" }
        let upper = unit == "percent" ? max(100, maxV) : niceCeiling(maxV * 1.1)
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ i: Int) -> Double { left + (points.count == 1 ? plotW / 2 : plotW * Double(i) / Double(points.count - 1)) }
        func y(_ v: Double) -> Double { top + plotH * (1 - v / max(upper, 1e-9)) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\" class=\"chart\">"
        svg += "<title>\(HTML.escape(title))</title>"
        for k in 0...4 {
            let v = upper * Double(k) / 4
            svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(v))\" y2=\"\(y(v))\" stroke=\"#d7dde3\"/>"
            svg +=
                "<text x=\"\(left - 6)\" y=\"\(y(v) + 4)\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6570\">\(label(v, unit))</text>"
        }
        for (i, p) in points.enumerated() {
            svg +=
                "<text x=\"\(x(i))\" y=\"\(height - 10)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6570\">\(xLabel(p.year))</text>"
        }
        if let target {
            svg +=
                "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(target))\" y2=\"\(y(target))\" stroke=\"#1d6b2f\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            svg +=
                "<text x=\"\(width - right)\" y=\"\(y(target) - 5)\" text-anchor=\"end\" font-size=\"11\" fill=\"#1d6b2f\">\(targetLabel) \(label(target, unit))</text>"
        }
        var path = ""
        for (i, p) in points.enumerated() {
            guard let v = p.value else { continue }
            path += (path.isEmpty ? "M" : "L") + "\(x(i)),\(y(v))"
        }
        svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#005aa0\" stroke-width=\"2.5\"/>"
        for (i, p) in points.enumerated() {
            guard let v = p.value else { continue }
            let fill = p.imported ? "#ffffff" : "#005aa0"
            let note = p.imported ? hollowNote : ""
            svg +=
                "<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"3.5\" fill=\"\(fill)\" stroke=\"#005aa0\" stroke-width=\"1.5\"><title>\(xLabel(p.year)): \(label(v, unit))\(note)</title></circle>"
        }
        return svg + "</svg>"
    }

    static func label(_ v: Double, _ unit: String) -> String {
        switch unit {
        case "percent": return "\(Int(v.rounded())) %"
        case "months": return IndicatorFormat.decimal(v, 1)
        case "kroner": return IndicatorFormat.decimal(v / 1e6, v >= 1e7 || v == 0 ? 0 : 1) + " mill."
        default: return Money.kroner(Int(v.rounded()))
        }
    }

    static func niceCeiling(_ v: Double) -> Double {
        guard v > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(v)))
        for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= v { return step * magnitude }
        return 10 * magnitude
    }
}
