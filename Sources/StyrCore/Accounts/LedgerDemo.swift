import Foundation

/// Demo ledger for a letter's year: monthly bookings on every post (salaries evenly, grants in
/// payment rounds), income on the matching income chapter, carry-over from last year, equipment
/// sales, multi-year rent, and the directorate's forecast for July–December made at the half year.
/// Deterministic for a seed; illustrative figures, not real accounts.
public enum LedgerDemo {
    public static func entries(letter: SteeringDocument, year: Int, seed: UInt64 = 1) -> [LedgerEntry] {
        var rng = SeededRandom(seed: seed)
        var out: [LedgerEntry] = []
        func add(_ month: Int, _ chapter: Int, _ post: Int, kroner: Int, _ kind: LedgerKind = .regnskap, _ text: String = "") {
            out.append(LedgerEntry(year: year, month: month, chapter: chapter, post: post, amountOre: kroner * 100, kind: kind, text: text))
        }
        for chapter in letter.budget {
            for p in chapter.posts {
                guard let allocation = p.amountNOK, allocation > 0 else { continue }
                let operating = CarryOver.isOperating(p.post)
                if p.post == 1 { add(1, chapter.chapter, p.post, kroner: allocation / 30, .overfort, "Overført fra \(year - 1)") }
                // Year-end use: operating posts close to the allocation, grant posts a little under.
                let use = operating ? rng.double(0.975..<1.005) : rng.double(0.955..<0.998)
                let spent = Double(allocation) * use
                // Operating costs evenly with a December peak; grants paid in rounds (Feb, May, Aug, Nov).
                let weights: [Double] =
                    operating || p.post == 45
                    ? [0.8, 0.9, 1.0, 1.0, 1.0, 1.1, 0.6, 0.9, 1.0, 1.0, 1.1, 1.6]
                    : [0.2, 2.6, 0.2, 0.2, 2.6, 0.2, 0.2, 2.6, 0.2, 0.2, 2.6, 0.2]
                let sum = weights.reduce(0, +)
                var booked = 0
                var monthly: [Int] = []
                for (i, w) in weights.enumerated() {
                    let amount = i == 11 ? Int(spent) - booked : Int(spent * w / sum * rng.double(0.93..<1.07))
                    booked += amount
                    monthly.append(amount)
                    add(i + 1, chapter.chapter, p.post, kroner: amount)
                }
                // Forecast for July–December made in June: the plan, a little off.
                for m in 6..<12 {
                    add(m + 1, chapter.chapter, p.post, kroner: Int(Double(monthly[m]) * rng.double(0.95..<1.08)), .prognose)
                }
                if p.post == 1 {
                    let income = chapter.chapter + 3000
                    for m in 1...12 {
                        add(m, income, 1, kroner: Int(Double(allocation) * 0.0006 * rng.double(0.5..<1.5)), .regnskap, "Diverse inntekter")
                    }
                    for m in 7...12 { add(m, income, 1, kroner: Int(Double(allocation) * 0.0006), .prognose) }
                    add(4, chapter.chapter, 1, kroner: allocation / 400, .utstyrssalg, "Salg av brukte PC-er")
                    for y in (year + 1)...(year + 5) {
                        out.append(
                            LedgerEntry(
                                year: y, month: 1, chapter: chapter.chapter, post: 1, amountOre: allocation / 9 * 100, kind: .forpliktelse,
                                text: "Husleieavtale, kontorlokaler"))
                    }
                }
            }
        }
        return out
    }

    /// The rows as the ledger CSV the importer reads.
    public static func csv(_ entries: [LedgerEntry]) -> String {
        var lines = ["aar;maaned;kapittel;post;belop;art;tekst"]
        for e in entries {
            let ore = abs(e.amountOre)
            let amount = (e.amountOre < 0 ? "-" : "") + "\(ore / 100),\(String(format: "%02d", ore % 100))"
            lines.append("\(e.year);\(e.month);\(e.chapter);\(e.post);\(amount);\(e.kind.rawValue);\(e.text)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
