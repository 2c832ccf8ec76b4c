/// A count in words, the Norwegian way: thousands separated, the noun singular for exactly one
/// («1 kommune», «2 kommuner», «12 000 personer»).
public enum Counted {
    public static func text(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(Money.kroner(n)) \(abs(n) == 1 ? singular : plural)"
    }
}
