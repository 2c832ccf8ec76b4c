import Foundation

/// Values computed once per key, on first use, by whichever thread asks first.
final class KeyedMemo<Key: Hashable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Key: Value] = [:]

    func value(_ key: Key, _ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let v = stored[key] { return v }
        let made = make()
        stored[key] = made
        return made
    }
}

/// Values computed once per year, on first use.
typealias YearMemo<Value: Sendable> = KeyedMemo<Int, Value>

/// A value computed once, on first use, by whichever thread asks first.
final class Memo<Value: Sendable>: Sendable {
    private let memo = KeyedMemo<Bool, Value>()

    func value(_ make: () -> Value) -> Value { memo.value(true, make) }
}
