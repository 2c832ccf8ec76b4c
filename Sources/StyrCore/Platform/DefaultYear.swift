/// The year the year pages and the statistics open at when none is asked for: one year for both.
public enum DefaultYear {
    /// The latest year, up to `today`'s, that has both a published letter and settlement statistics;
    /// else the latest letter year; else the latest statistics year before this one (the current
    /// year's figures are incomplete); nil when there is neither.
    /// `letters` and `statistics` may come in any order.
    public static func pick(letters: [Int], statistics: [Int], today: CivilDate) -> Int? {
        let both = Set(letters).intersection(statistics).filter { $0 <= today.year }
        if let year = both.max() { return year }
        if let year = letters.filter({ $0 <= today.year }).max() ?? letters.max() { return year }
        return statistics.filter { $0 < today.year }.max() ?? statistics.max()
    }
}
