import Testing

@testable import StyrCore

/// The network simplex against its own optimality certificate: a feasible flow and potentials
/// under which no arc has a negative reduced cost and every arc with flow has none at all prove
/// the flow optimal (LP duality), whatever route the pivots took.
@Suite struct NetworkSimplexTests {
    /// A random transport net: senders → takers at random costs, a spare node that takes what no
    /// taker wants and sends to takers left short, so that any supplies balance.
    static func randomNet(seed: UInt64, senders: Int, takers: Int) -> (NetworkSimplex, supplies: [Int]) {
        var r = SeededRandom(seed: seed)
        let spare = senders + takers
        var net = NetworkSimplex(nodes: spare + 1)
        var supplies = [Int](repeating: 0, count: spare + 1)
        for s in 0..<senders {
            supplies[s] = r.int(1...9)
            for t in 0..<takers where r.chance(0.4) { net.addArc(s, senders + t, cost: -r.double(0..<100)) }
            net.addArc(s, spare, cost: 0)
        }
        for t in 0..<takers {
            supplies[senders + t] = -r.int(0...12)
            net.addArc(spare, senders + t, cost: 0)
        }
        supplies[spare] = -supplies.reduce(0, +)
        for (v, b) in supplies.enumerated() { net.setSupply(v, b) }
        return (net, supplies)
    }

    static func certify(_ net: NetworkSimplex, supplies: [Int], arcs: [(Int, Int)]) {
        var balance = supplies
        for (e, (from, to)) in arcs.enumerated() {
            #expect(net.flow[e] >= 0)
            balance[from] -= Int(net.flow[e])
            balance[to] += Int(net.flow[e])
            let r = net.reducedCost(e)
            #expect(r >= -1e-6, "arc \(e) could still lower the cost")
            if net.flow[e] > 0 { #expect(abs(r) < 1e-6, "arc \(e) carries flow at a positive reduced cost") }
        }
        #expect(balance.allSatisfy { $0 == 0 }, "flow is conserved at every node")
    }

    @Test(arguments: 1...8) func solvedFlowCarriesItsOwnCertificate(seed: Int) {
        var (net, supplies) = Self.randomNet(seed: UInt64(seed), senders: 40, takers: 9)
        let arcs = (0..<net.arcCount).map { (Int(net.arcSource($0)), Int(net.arcTarget($0))) }
        let solved = net.solve()
        #expect(solved)
        Self.certify(net, supplies: supplies, arcs: arcs)
        // Forbidding the arcs with flow and re-solving from that basis gives a new certified optimum
        // that costs no less.
        let before = net.totalCost
        let used = (0..<arcs.count).filter { net.flow[$0] > 0 && arcs[$0].1 != supplies.count - 1 && arcs[$0].0 < 40 }.prefix(5)
        for e in used { net.setCost(e, net.prohibitive) }
        let resolved = net.solve()
        #expect(resolved)
        for e in used { #expect(net.flow[e] == 0, "a forbidden arc is left empty while another way exists") }
        Self.certify(net, supplies: supplies, arcs: arcs)
        #expect(net.totalCost >= before - 1e-6)
    }

    @Test func unbalancedSuppliesAreRefused() {
        var net = NetworkSimplex(nodes: 2)
        net.addArc(0, 1, cost: 1)
        net.setSupply(0, 3)
        net.setSupply(1, -2)
        let solved = net.solve()
        #expect(!solved)
    }
}
