import Foundation

/// Why a case goes where it is proposed, in a caseworker's words (bokmål), derived from the
/// profiles and the score's parts: what in the household fits the municipality, what does not,
/// the hard constraints, how long it has waited, and what the profile rests on.
extension RegisterMatch {
    /// `m`: the proposed municipality (nil: not allocated). `names`: municipality names by number.
    public func explanation(case c: Int, municipality m: Int?, names: [String: String] = [:]) -> String {
        let mc = instance.cases[c]
        let profile = caseProfiles[c]
        var sentences: [String] = []
        if let m {
            let code = instance.municipalities[m].code
            let muni = municipalityProfiles[m]
            let place = names[code].map { "\(code) \($0)" } ?? code
            var good: [String] = []
            var weak: [String] = []
            let strong = profile.sectors.filter(muni.sectors.contains)
            if !strong.isEmpty {
                good.append("arbeidserfaring fra \(Self.sectorWords(strong)), som kommunen har et sterkt arbeidsmarked for")
            } else if !profile.sectors.isEmpty {
                weak.append("arbeidserfaringen (\(Self.sectorWords(profile.sectors))) er ikke blant kommunens sterke næringer")
            }
            switch profile.education {
            case 3:
                if muni.higherEducation {
                    good.append("høyere utdanning, og kommunen har høyere utdanning innen rekkevidde")
                } else {
                    weak.append("høyere utdanning, men ingen høyere utdanning innen rekkevidde")
                }
            case 2:
                if muni.adultEducation >= 0.5 {
                    good.append("videregående eller fagbrev, og kommunen har et godt tilbud om videre opplæring")
                } else {
                    weak.append("videregående eller fagbrev, men kommunens tilbud om videre opplæring er svakt")
                }
            default:
                let words = profile.education == 0 ? "ingen skolegang" : "kort skolegang"
                if muni.adultEducation >= 0.5 {
                    good.append("\(words), og kommunen har et godt tilbud i voksenopplæringen")
                } else {
                    weak.append("\(words), og voksenopplæringen i kommunen er svak")
                }
            }
            if profile.schoolChildren > 0 {
                good.append(profile.schoolChildren == 1 ? "ett barn i skolealder" : "\(profile.schoolChildren) barn i skolealder")
            }
            if muni.programme >= 0.6 {
                good.append("\(Self.percent(muni.programme)) er i arbeid eller utdanning etter introduksjonsprogrammet i kommunen")
            } else {
                weak.append("bare \(Self.percent(muni.programme)) er i arbeid eller utdanning etter introduksjonsprogrammet")
            }
            if profile.tie == code { good.append("familie eller annen tilknytning til kommunen") }
            if muni.countyRecommends { good.append("fylket anbefaler kommunen") }
            if mc.needs.contains("helse") { good.append("helse- eller omsorgsbehov som kommunen har tjenester for") }
            if mc.minors > 0 { good.append("enslig mindreårig, og kommunen har plass til enslige mindreårige") }
            var first = "Foreslått \(place)"
            first += good.isEmpty ? "." : ": " + good.joined(separator: "; ") + "."
            sentences.append(first)
            if !weak.isEmpty { sentences.append("Trekker ned: " + weak.joined(separator: "; ") + ".") }
            if let tie = profile.tie, tie != code {
                sentences.append(
                    "Har tilknytning til \(names[tie].map { "\(tie) \($0)" } ?? tie), men ikke plass eller adgang der i forslaget.")
            }
        } else if instance.pairs(of: c).isEmpty {
            sentences.append(
                mc.needs.contains("helse")
                    ? "Ikke fordelt: ingen kommune med vedtak har tjenester for helse- eller omsorgsbehovet."
                    : "Ikke fordelt: ingen kommune med vedtak har plass til en husstand på \(mc.size).")
        } else {
            sentences.append("Ikke fordelt: plassene i kommunene som passer, går til saker som passer bedre eller har ventet lenger.")
        }
        let weeks = waitedWeeks[c]
        if weeks > 0 { sentences.append("Har ventet \(weeks == 1 ? "én uke" : "\(weeks) uker") siden bosettingsklar.") }
        if m != nil && municipalitiesGenerated {
            sentences.append("Kommunens næringer, tilbud, resultater og tjenester er generert (registeret har dem ikke).")
        }
        switch basis[c] {
        case .interview:
            let levels = norwegian[c].sorted().map(\.label)
            let level = levels.isEmpty ? "" : ", norsknivå \(levels.joined(separator: "/"))"
            sentences.append("Grunnlag: kartleggingsintervju (\(interviewed[c]) av \(mc.size) personer kartlagt\(level)).")
        case .generated:
            sentences.append("Grunnlag: generert profil – ingen i husstanden er kartlagt.")
        }
        return sentences.joined(separator: " ")
    }

    /// "helse og omsorg og varehandel": sectors in words (NACE letters by their section name).
    static func sectorWords(_ sectors: [String]) -> String {
        let words = sectors.map { s -> String in
            if let section = MatchFromRegister.sectorOfSection.first(where: { $0.value == s })?.key { return NACESection.name(section) }
            return NACESection.names[s] ?? s
        }
        if words.count <= 1 { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " og " + words.last!
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }
}
