import Foundation

/// The introduction register as columns, built once per loaded register: dates as `Int32` day
/// numbers (`NIRColumns.absent` when missing, so "started by" fails and "ended after" holds),
/// codes as small integers, and the subsets the tables start from. The appendix tables scan
/// these instead of the person rows (no strings hashed, no rows copied).
public final class NIRColumns: Sendable {
    /// A missing date: after every day.
    public static let absent = Int32.max

    public let count: Int
    /// Position in `Dimensions.gender` (0 women, 1 men).
    let gender: [UInt8]
    /// `TrainingRight` in `allCases` order.
    let right: [UInt8]
    /// `EndReason` in `allCases` order, 255 when the programme has not ended.
    let endReason: [UInt8]
    let measureBits: [UInt16]
    /// Index into `kommuner`.
    let kommune: [Int32]
    /// The municipality numbers that occur, each once.
    let kommuner: [String]

    let targetFrom: [Int32]
    let targetTo: [Int32]
    /// `targetFrom` plus 3, 6 and 12 months (absent when `targetFrom` is).
    let targetFrom3: [Int32]
    let targetFrom6: [Int32]
    let targetFrom12: [Int32]
    let trainingStart: [Int32]
    let trainingEnd: [Int32]
    let completed175: [Int32]
    let socialStart: [Int32]
    let socialCompleted: [Int32]
    let introTargetFrom: [Int32]
    let introTargetFrom3: [Int32]
    /// When the programme's right and duty began (`introTargetFrom ?? introStart`), for persons
    /// with the right and duty; absent for the others.
    let introRightFrom: [Int32]
    /// When the right and duty ended (`introEnd ?? targetTo`).
    let introRightTo: [Int32]
    let introStart: [Int32]
    let introEnd: [Int32]
    let mapped6: [Int32]
    let mapped10: [Int32]
    let careerGuidance: [Int32]
    /// Leave periods of the persons who have any.
    let leaves: [Int32: [ClosedRange<Int>]]

    /// Asylum seekers in reception, persons with a training right code and persons the programme
    /// concerns, each ordered by the date a table selects on, so that a period reads a slice.
    let asylumByArrival: OrderedIndex
    let rightsByEntry: OrderedIndex
    let rightsByTrainingStart: OrderedIndex
    let programmeByStart: OrderedIndex
    let programmeByEntry: OrderedIndex
    let programmeByRightFrom: OrderedIndex
    let programmeByEnd: OrderedIndex
    /// The municipality numbers (reception centres' hosts) the asylum seekers have.
    let hostKommuner: [String]

    public init(_ nir: [NIRPerson]) {
        count = nir.count
        /// One date column: `date` of every person (absent where it has none).
        func column(_ date: (NIRPerson) -> Int?) -> [Int32] { nir.map { date($0).map { Int32(clamping: $0) } ?? Self.absent } }
        /// `months` after `date` of every person.
        func plus(_ months: Int, _ date: (NIRPerson) -> Int?) -> [Int32] { column { date($0).map { Months.add(months, to: $0) } } }
        targetFrom = column(\.targetFrom)
        targetTo = column(\.targetTo)
        targetFrom3 = plus(3, \.targetFrom)
        targetFrom6 = plus(6, \.targetFrom)
        targetFrom12 = plus(12, \.targetFrom)
        trainingStart = column(\.trainingStart)
        trainingEnd = column(\.trainingEnd)
        completed175 = column(\.completed175)
        socialStart = column(\.socialStart)
        socialCompleted = column(\.socialCompleted)
        introTargetFrom = column(\.introTargetFrom)
        introTargetFrom3 = plus(3, \.introTargetFrom)
        introRightFrom = column { $0.introRight == .rightAndDuty ? $0.introTargetFrom ?? $0.introStart : nil }
        introRightTo = column { $0.introEnd ?? $0.targetTo }
        introStart = column(\.introStart)
        introEnd = column(\.introEnd)
        mapped6 = column(\.mapped6)
        mapped10 = column(\.mapped10)
        careerGuidance = column(\.careerGuidance)
        let rightCodes = TrainingRight.allCases
        let reasons = EndReason.allCases
        gender = nir.map { Dimensions.position($0.gender) }
        right = nir.map { UInt8(rightCodes.firstIndex(of: $0.right)!) }
        endReason = nir.map { p in p.endReason.map { UInt8(reasons.firstIndex(of: $0)!) } ?? 255 }
        measureBits = nir.map(\.measureBits)
        var kommuneIndex: [String: Int32] = [:]
        var kommuner: [String] = []
        let kommune = nir.map { p in
            if let k = kommuneIndex[p.kommune] { return k }
            kommuneIndex[p.kommune] = Int32(kommuner.count)
            kommuner.append(p.kommune)
            return Int32(kommuner.count - 1)
        }
        self.kommune = kommune
        self.kommuner = kommuner
        var leaves: [Int32: [ClosedRange<Int>]] = [:]
        var asylum: [Int32] = []
        var rights: [Int32] = []
        var programme: [Int32] = []
        for (i, p) in nir.enumerated() {
            let index = Int32(i)
            if !p.leaves.isEmpty { leaves[index] = p.leaves }
            if p.right == .asylumSeeker { asylum.append(index) } else { rights.append(index) }
            if p.introRight == .rightAndDuty || p.introStart != nil || p.introTargetFrom != nil || p.introEnd != nil {
                programme.append(index)
            }
        }
        self.leaves = leaves
        hostKommuner = Set(asylum.map { kommune[Int($0)] }).sorted().map { kommuner[Int($0)] }
        asylumByArrival = OrderedIndex(asylum, by: targetFrom)
        rightsByEntry = OrderedIndex(rights, by: targetFrom)
        rightsByTrainingStart = OrderedIndex(rights, by: trainingStart)
        programmeByStart = OrderedIndex(programme, by: introStart)
        programmeByEntry = OrderedIndex(programme, by: introTargetFrom)
        programmeByRightFrom = OrderedIndex(programme, by: introRightFrom)
        programmeByEnd = OrderedIndex(programme, by: introEnd)
    }

    /// The position of a training right code in `TrainingRight.allCases`.
    static func code(_ r: TrainingRight) -> UInt8 { UInt8(TrainingRight.allCases.firstIndex(of: r)!) }

    /// In the programme (started, not ended, not on leave) at the end of `day`.
    func participant(_ i: Int, at day: Int32) -> Bool {
        guard introStart[i] <= day, introEnd[i] > day else { return false }
        guard let periods = leaves[Int32(i)] else { return true }
        return !periods.contains { $0.contains(Int(day)) }
    }

    /// Took part in the programme at some time in `from...to`.
    func participated(_ i: Int, _ from: Int32, _ to: Int32) -> Bool { introStart[i] <= to && introEnd[i] >= from }

    /// In Norwegian training at some time in `from...to`.
    func inTraining(_ i: Int, _ from: Int32, _ to: Int32) -> Bool { trainingStart[i] <= to && trainingEnd[i] >= from }
}

/// A person counted in an appendix table (index into the register), with the position of the
/// group it is counted in when a person can count in several (measures, kinds of mapping).
struct Tagged: Sendable {
    let i: Int32
    let tag: UInt8
}

extension NIRColumns {
    /// The persons of `subset` that `tag` gives a group position (nil: not counted).
    func scan(_ subset: ArraySlice<Int32>, _ tag: (Int) -> UInt8?) -> [Tagged] {
        var out: [Tagged] = []
        subset.withUnsafeBufferPointer { persons in
            for p in persons {
                if let t = tag(Int(p)) { out.append(Tagged(i: p, tag: t)) }
            }
        }
        return out
    }

    /// Every person of `subset`, counted in group `tag`.
    func tagged(_ subset: ArraySlice<Int32>, tag: UInt8 = 0) -> [Tagged] { subset.map { Tagged(i: $0, tag: tag) } }

    /// The persons of `subset` that pass `include`, counted in group `tag`.
    func select(_ subset: ArraySlice<Int32>, tag: UInt8 = 0, _ include: (Int) -> Bool) -> [Tagged] {
        scan(subset) { include($0) ? tag : nil }
    }
}
