import Testing
import Vapor

@testable import App

/// The session cookie is found by a scan of the `Cookie` headers, by its exact name.
@Suite struct UserSessionsCookieTests {
    func headers(_ values: String...) -> HTTPHeaders {
        HTTPHeaders(values.map { ("Cookie", $0) })
    }

    @Test func findsTheCookieByItsExactName() {
        #expect(headers("styr_session=abc").cookie(named: "styr_session") == "abc")
        #expect(headers("a=1; styr_session=abc; b=2").cookie(named: "styr_session") == "abc")
        #expect(headers("a=1;styr_session=abc ").cookie(named: "styr_session") == "abc")
        #expect(headers("xstyr_session=no; styr_session_2=no").cookie(named: "styr_session") == nil)
        #expect(headers("styr_csrf=t", "styr_session=in-second").cookie(named: "styr_session") == "in-second")
        #expect(headers("styr_session=").cookie(named: "styr_session") == "")
        #expect(headers("styr_session").cookie(named: "styr_session") == nil)
        #expect(HTTPHeaders().cookie(named: "styr_session") == nil)
    }

    @Test func aValueMayHoldEqualsSigns() {
        #expect(headers("s=a=b").cookie(named: "s") == "a=b")
    }
}

/// The byte search the per-response checks use.
@Suite struct ByteSearchTests {
    @Test func findsBytesAnywhereAndOnlyWhole() {
        #expect("/aar/2021/rapporter/arsrapport".containsBytes("/rapporter/"))
        #expect("/rapporter/".containsBytes("/rapporter/"))
        #expect(!"/rapporter".containsBytes("/rapporter/"))
        #expect(!"/aar/2021".containsBytes("/rapporter/"))
        #expect("a=1; styr_wrote=17".containsBytes("styr_wrote"))
        #expect("anything".containsBytes(""))
        #expect(!"".containsBytes("x"))
        #expect("blåbær/rapporter/".containsBytes("/rapporter/") && "blåbær".containsBytes("bær"))
    }
}

/// `routePath` reads a plain target without Foundation; wherever it does, it must say what Vapor's
/// `URI.path` says (the router's reading).
@Suite struct PlainPathTests {
    static let targets = [
        "/", "/aar/2021", "/aar/2021/", "/statistikk?aar=2023", "/statistikk/indikatorer?aar=2023&enhet=kommune%3A0301",
        "/a;b", "/a%3Bb", "/a%20b", "/%", "/a?b=%", "/a?b=%zz", "/a?b=%4", "/a?b=%41", "//evil.example/x", "/a#frag",
        "/a?x#y", "/a#b#c", "/a?b?c", "/æøå", "/a b", "/a<b>", "/a?q=<b>", "/a\\b", "/~user/._-!$&'()*+,=:@",
        "/api/v1/stats/tables/21?year=2023", "/css/styr.css", "/a|b", "/a^b", "/a`b", "/a\"b", "/a{b}", "/a[b]",
        "", "x", "*", "http://host/a",
    ]

    @Test func agreesWithURIPathWhereverItReads() {
        var read = 0
        for target in Self.targets {
            guard let plain = Request.plainPath(target) else { continue }
            read += 1
            #expect(plain == URI(string: target).path, "\(target)")
        }
        #expect(read >= 12)
    }

    @Test func leavesEscapesInThePathAndOddTargetsToURIPath() {
        for target in ["/a%3Bb", "/a%20b", "//evil.example/x", "/a b", "/æøå", "/a#b#c", "/a?b=%zz", "", "http://host/a"] {
            #expect(Request.plainPath(target) == nil, "\(target)")
        }
        #expect(Request.plainPath("/statistikk/indikatorer?aar=2023&enhet=kommune%3A0301") == "/statistikk/indikatorer")
        #expect(Request.plainPath("/a?x#y") == "/a")
    }
}
