import Foundation

/// A value computed once, on first use, by whichever thread asks first.
final class Memo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?

    func value(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = make()
        stored = made
        return made
    }
}

/// Values computed once per year, on first use.
final class YearMemo<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int: Value] = [:]

    func value(_ year: Int, _ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let v = stored[year] { return v }
        let made = make()
        stored[year] = made
        return made
    }
}
