/// A stored document as the composition sees it: an id, a name and its content.
public struct DocumentRef: Codable, Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var kind: DocumentKind
    public var date: String?
    public var number: Int?
    public init(id: String, name: String, kind: DocumentKind, date: String?, number: Int?) {
        self.id = id
        self.name = name
        self.kind = kind
        self.date = date
        self.number = number
    }
}

/// One change an amending document made to an item of the year's letter.
public struct ChangeEntry: Codable, Sendable, Equatable {
    public enum ItemKind: String, Codable, Sendable { case assignment, budget, deadline, renumbering }
    public var document: DocumentRef
    public var itemKind: ItemKind
    /// Key of the changed item: assignment id, or "291/60" for a post.
    public var itemKey: String
    public var field: String
    public var from: String?
    public var to: String?
    public var note: String?
}

/// The year's letter as amended at a date, with the history of every change.
public struct AmendedYear: Sendable {
    public var year: Int
    /// ISO date the view is taken at; nil means "everything published".
    public var asOf: String?
    public var documents: [DocumentRef]
    public var letter: SteeringDocument
    public var history: [ChangeEntry]
    /// Old assignment id → current id, from renumberings.
    public var aliases: [String: String]

    public init(
        year: Int, asOf: String?, documents: [DocumentRef], letter: SteeringDocument, history: [ChangeEntry], aliases: [String: String]
    ) {
        self.year = year
        self.asOf = asOf
        self.documents = documents
        self.letter = letter
        self.history = history
        self.aliases = aliases
    }

    public func history(forAssignment id: String) -> [ChangeEntry] {
        let keys = Set([id] + aliases.filter { $0.value == id }.map(\.key))
        return history.filter {
            ($0.itemKind == .assignment || $0.itemKind == .deadline || $0.itemKind == .renumbering) && keys.contains($0.itemKey)
        }
    }

    public func history(forPost chapter: Int, _ post: Int) -> [ChangeEntry] {
        history.filter { $0.itemKind == .budget && $0.itemKey == Amendments.postKey(chapter, post) }
    }
}

/// Applies a year's supplements to its letter, in date order.
public enum Amendments {
    public static func postKey(_ chapter: Int, _ post: Int) -> String {
        "\(chapter)/\(post < 10 ? "0\(post)" : "\(post)")"
    }

    /// The order documents take effect: by date (undated ones at the start of their year,
    /// after the letter), the letter before supplements of the same day, supplements by number.
    static func effectiveOrder(_ a: (DocumentRef, SteeringDocument), _ b: (DocumentRef, SteeringDocument)) -> Bool {
        let da = a.0.date ?? "\(a.1.year ?? 0)-01-01"
        let db = b.0.date ?? "\(b.1.year ?? 0)-01-01"
        if da != db { return da < db }
        if a.1.kind != b.1.kind { return a.1.kind == .tildelingsbrev }
        return (a.1.number ?? 0) < (b.1.number ?? 0)
    }

    /// Whether a document is in force at `asOf` (undated documents count from their year's start).
    public static func inForce(_ ref: DocumentRef, year: Int, asOf: String?) -> Bool {
        guard let asOf else { return true }
        return (ref.date ?? "\(year)-01-01") <= asOf
    }

    public static func compose(year: Int, documents: [(DocumentRef, SteeringDocument)], asOf: String? = nil) -> AmendedYear {
        let active = documents.filter { Self.inForce($0.0, year: year, asOf: asOf) }.sorted(by: effectiveOrder)
        let base = active.first { $0.1.kind == .tildelingsbrev }
        var letter = base?.1 ?? SteeringDocument(kind: .tildelingsbrev, year: year, title: "Tildelingsbrev \(year) (ikke registrert)")
        var history: [ChangeEntry] = []
        var aliases: [String: String] = [:]

        if let base {
            for a in letter.assignments {
                history.append(ChangeEntry(document: base.0, itemKind: .assignment, itemKey: a.id, field: "gitt", from: nil, to: a.title))
            }
            for c in letter.budget {
                for p in c.posts {
                    history.append(
                        ChangeEntry(
                            document: base.0, itemKind: .budget, itemKey: postKey(c.chapter, p.post), field: "tildeling", from: nil,
                            to: p.amountNOK.map(Money.kroner)))
                }
            }
        }

        for (ref, doc) in active where doc.kind == .tillegg {
            // Renumberings.
            for r in doc.renumberings {
                aliases[r.from] = r.to
                for k in aliases.keys where aliases[k] == r.from { aliases[k] = r.to }
                if let i = letter.assignments.firstIndex(where: { $0.id == r.from }) { letter.assignments[i].id = r.to }
                if let i = letter.carriedOverAssignments.firstIndex(where: { $0.id == r.from }) {
                    letter.carriedOverAssignments[i].id = r.to
                }
                history.append(ChangeEntry(document: ref, itemKind: .renumbering, itemKey: r.to, field: "nummer", from: r.from, to: r.to))
            }
            // New or replaced assignments.
            for a in doc.assignments {
                if let i = letter.assignments.firstIndex(where: { $0.id == a.id }) {
                    history.append(
                        ChangeEntry(
                            document: ref, itemKind: .assignment, itemKey: a.id, field: "erstattet", from: letter.assignments[i].title,
                            to: a.title))
                    letter.assignments[i] = a
                } else {
                    history.append(ChangeEntry(document: ref, itemKind: .assignment, itemKey: a.id, field: "gitt", from: nil, to: a.title))
                    letter.assignments.append(a)
                }
            }
            // Deadline changes.
            for change in doc.deadlineChanges {
                let id = aliases[change.assignmentId] ?? change.assignmentId
                guard let i = letter.assignments.firstIndex(where: { $0.id == id }) else {
                    history.append(
                        ChangeEntry(
                            document: ref, itemKind: .deadline, itemKey: id, field: "frist", from: nil, to: change.deadline.text,
                            note: "Oppdraget finnes ikke i brevet"))
                    continue
                }
                let old = letter.assignments[i].deadlines.firstIndex {
                    $0.parts == change.deadline.parts && $0.label == change.deadline.label
                }
                history.append(
                    ChangeEntry(
                        document: ref, itemKind: .deadline, itemKey: id, field: "frist",
                        from: old.map { letter.assignments[i].deadlines[$0].text }, to: change.deadline.text))
                if let old {
                    letter.assignments[i].deadlines[old] = change.deadline
                } else {
                    letter.assignments[i].deadlines.append(change.deadline)
                }
            }
            // Budget: deltas, then the supplement's own resulting amounts.
            for change in doc.budgetChanges {
                let key = postKey(change.chapter, change.post)
                let (ci, pi) = ensurePost(&letter, chapter: change.chapter, post: change.post, from: doc)
                let before = letter.budget[ci].posts[pi].amountNOK
                let after = before.map { $0 + change.deltaNOK }
                letter.budget[ci].posts[pi].amountNOK = after
                let sign = change.deltaNOK >= 0 ? "+" : "−"
                history.append(
                    ChangeEntry(
                        document: ref, itemKind: .budget, itemKey: key, field: "endring \(sign)\(Money.kroner(abs(change.deltaNOK)))",
                        from: before.map(Money.kroner), to: after.map(Money.kroner),
                        note: before == nil ? "Grunnlaget er ukjent (tildelingsbrevet er ikke registrert)" : change.legalSource))
            }
            for c in doc.budget {
                for p in c.posts {
                    guard let stated = p.amountNOK else { continue }
                    let (ci, pi) = ensurePost(&letter, chapter: c.chapter, post: p.post, from: doc)
                    let current = letter.budget[ci].posts[pi].amountNOK
                    if current != stated {
                        history.append(
                            ChangeEntry(
                                document: ref, itemKind: .budget, itemKey: postKey(c.chapter, p.post), field: "disponerer etter tillegget",
                                from: current.map(Money.kroner), to: Money.kroner(stated),
                                note: current == nil ? nil : "Tillegget oppgir et annet beløp enn brevet pluss endringene"))
                    }
                    letter.budget[ci].posts[pi].amountNOK = stated
                    for f in p.flags where !letter.budget[ci].posts[pi].flags.contains(f) { letter.budget[ci].posts[pi].flags.append(f) }
                }
            }
            letter.budgetChanges.append(contentsOf: doc.budgetChanges)
            letter.renumberings.append(contentsOf: doc.renumberings)
            letter.deadlineChanges.append(contentsOf: doc.deadlineChanges)
        }
        letter.year = year
        letter.budget.sort { $0.chapter < $1.chapter }
        for i in letter.budget.indices { letter.budget[i].posts.sort { $0.post < $1.post } }
        return AmendedYear(year: year, asOf: asOf, documents: active.map(\.0), letter: letter, history: history, aliases: aliases)
    }

    /// Finds or creates a post in the composed letter; a new post takes its name from the supplement.
    static func ensurePost(_ letter: inout SteeringDocument, chapter: Int, post: Int, from doc: SteeringDocument) -> (Int, Int) {
        let source = doc.budget.first { $0.chapter == chapter }
        let ci: Int
        if let i = letter.budget.firstIndex(where: { $0.chapter == chapter }) {
            ci = i
        } else {
            letter.budget.append(BudgetChapter(chapter: chapter, name: source?.name ?? ""))
            ci = letter.budget.count - 1
        }
        if let pi = letter.budget[ci].posts.firstIndex(where: { $0.post == post }) { return (ci, pi) }
        let template = source?.posts.first { $0.post == post }
        letter.budget[ci].posts.append(BudgetPost(post: post, name: template?.name ?? "", amountNOK: nil, flags: template?.flags ?? []))
        return (ci, letter.budget[ci].posts.count - 1)
    }
}
