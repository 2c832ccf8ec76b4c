/// Links a result requirement's text to the indicator that measures it.
public enum IndicatorLinks {
    public static func indicator(for text: String) -> String? {
        let t = text.lowercased()
        let settlement = t.contains("bosatt") || t.contains("bosetting")
        guard settlement else { return nil }
        if t.contains("enslige mindreårige") && (t.contains("tre måneder") || t.contains("3 måneder")) {
            return "share_uma_settled_within_3m"
        }
        if t.contains("seks måneder") || t.contains("6 måneder") { return "share_settled_within_6m" }
        if t.contains("12 måneder") || t.contains("tolv måneder") { return "share_settled_within_12m" }
        if t.contains("tidsmål") { return "share_reception_within_3m" }
        return nil
    }
}
