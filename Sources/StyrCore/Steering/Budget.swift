/// Kapittel: a budget chapter with its posts.
public struct BudgetChapter: Codable, Sendable, Equatable {
    public var chapter: Int
    public var name: String
    public var posts: [BudgetPost]
    public init(chapter: Int, name: String, posts: [BudgetPost] = []) {
        self.chapter = chapter
        self.name = name
        self.posts = posts
    }

    /// Sum of the posts that carry an amount.
    public var totalNOK: Int { posts.compactMap(\.amountNOK).reduce(0, +) }
}

/// Stikkord on a post.
public enum PostFlag: String, Codable, Sendable, CaseIterable {
    /// Kan overføres: unspent amount may be carried to next year.
    case kanOverfores = "kan overføres"
    /// Overslagsbevilgning: estimate appropriation, may be exceeded.
    case overslagsbevilgning = "overslagsbevilgning"
}

/// Post: a budget post with the amount put at the agency's disposal.
public struct BudgetPost: Codable, Sendable, Equatable {
    public var post: Int
    public var name: String
    /// Amount allocated to the agency, whole kroner; nil when the document gives none.
    public var amountNOK: Int?
    /// Whole appropriation on the post when the text states it ("Det er bevilget …").
    public var appropriationNOK: Int?
    /// Part of the allocation not yet disposed ("udisponerte midler").
    public var undisposedNOK: Int?
    public var flags: [PostFlag]
    public var earmarks: [Earmark]

    public init(
        post: Int, name: String, amountNOK: Int?, appropriationNOK: Int? = nil,
        undisposedNOK: Int? = nil, flags: [PostFlag] = [], earmarks: [Earmark] = []
    ) {
        self.post = post
        self.name = name
        self.amountNOK = amountNOK
        self.appropriationNOK = appropriationNOK
        self.undisposedNOK = undisposedNOK
        self.flags = flags
        self.earmarks = earmarks
    }

    /// Sum of earmarks with an amount (recipient rows included once via their parent).
    public var earmarkedNOK: Int {
        earmarks.filter { $0.recipient == nil }.compactMap(\.amountNOK).reduce(0, +)
    }
}

/// Budsjettbinding: an earmark on a post, optionally for a named recipient.
public struct Earmark: Codable, Sendable, Equatable {
    public var amountNOK: Int?
    public var purpose: String
    public var recipient: String?
    /// Assignments the earmark finances ("jf. oppdrag 2021-17").
    public var assignmentRefs: [String]

    public init(amountNOK: Int?, purpose: String, recipient: String? = nil, assignmentRefs: [String] = []) {
        self.amountNOK = amountNOK
        self.purpose = purpose
        self.recipient = recipient
        self.assignmentRefs = assignmentRefs
    }
}

/// A change of the amount on a post made by a supplement (delta in whole kroner).
public struct BudgetChange: Codable, Sendable, Equatable {
    public var chapter: Int
    public var post: Int
    public var deltaNOK: Int
    public var reason: String?
    /// E.g. "RNB 2020", "Prop. 127 S (2019 – 2020)".
    public var legalSource: String?

    public init(chapter: Int, post: Int, deltaNOK: Int, reason: String? = nil, legalSource: String? = nil) {
        self.chapter = chapter
        self.post = post
        self.deltaNOK = deltaNOK
        self.reason = reason
        self.legalSource = legalSource
    }
}
