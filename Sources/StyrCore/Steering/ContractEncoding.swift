// The JSON contract names keys whose value may be null (`date`, `amountNOK`, `deadlines[].date`):
// these types encode such keys explicitly as null instead of leaving them out.

extension SteeringDocument {
    enum CodingKeys: String, CodingKey {
        case kind, year, date, number, title, issuer, recipient, signatories, copyTo, sections, goals, assignments
        case carriedOverAssignments, referencedAssignments, renumberings, budget, budgetChanges, deadlineChanges
        case authorizations, reporting, meetings, closedAssignments, appendices, duties
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(year, forKey: .year)
        try c.encode(date, forKey: .date)
        try c.encode(number, forKey: .number)
        try c.encode(title, forKey: .title)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(recipient, forKey: .recipient)
        try c.encode(signatories, forKey: .signatories)
        try c.encode(copyTo, forKey: .copyTo)
        try c.encode(sections, forKey: .sections)
        try c.encode(goals, forKey: .goals)
        try c.encode(assignments, forKey: .assignments)
        try c.encode(carriedOverAssignments, forKey: .carriedOverAssignments)
        try c.encode(referencedAssignments, forKey: .referencedAssignments)
        try c.encode(renumberings, forKey: .renumberings)
        try c.encode(budget, forKey: .budget)
        try c.encode(budgetChanges, forKey: .budgetChanges)
        try c.encode(deadlineChanges, forKey: .deadlineChanges)
        try c.encode(authorizations, forKey: .authorizations)
        try c.encode(reporting, forKey: .reporting)
        try c.encode(meetings, forKey: .meetings)
        try c.encodeIfPresent(closedAssignments, forKey: .closedAssignments)
        try c.encodeIfPresent(appendices, forKey: .appendices)
        try c.encodeIfPresent(duties, forKey: .duties)
    }
}

extension BudgetPost {
    enum CodingKeys: String, CodingKey {
        case post, name, amountNOK, appropriationNOK, undisposedNOK, flags, earmarks
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(post, forKey: .post)
        try c.encode(name, forKey: .name)
        try c.encode(amountNOK, forKey: .amountNOK)
        try c.encodeIfPresent(appropriationNOK, forKey: .appropriationNOK)
        try c.encodeIfPresent(undisposedNOK, forKey: .undisposedNOK)
        try c.encode(flags, forKey: .flags)
        try c.encode(earmarks, forKey: .earmarks)
    }
}

extension Deadline {
    enum CodingKeys: String, CodingKey {
        case date, text, kind, label, parts, frequency
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(text, forKey: .text)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(label, forKey: .label)
        try c.encode(parts, forKey: .parts)
        try c.encodeIfPresent(frequency, forKey: .frequency)
    }
}

extension ReportingRequirement {
    enum CodingKeys: String, CodingKey {
        case type, countDate, deadline, countDateText, deadlineText
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(countDate, forKey: .countDate)
        try c.encode(deadline, forKey: .deadline)
        try c.encodeIfPresent(countDateText, forKey: .countDateText)
        try c.encodeIfPresent(deadlineText, forKey: .deadlineText)
    }
}

extension Meeting {
    enum CodingKeys: String, CodingKey {
        case type, date, text, count, minutes
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(date, forKey: .date)
        try c.encodeIfPresent(text, forKey: .text)
        try c.encodeIfPresent(count, forKey: .count)
        try c.encode(minutes, forKey: .minutes)
    }
}
