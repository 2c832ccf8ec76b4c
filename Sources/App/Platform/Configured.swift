import Vapor

extension Application {
    /// A service `configure` stores once (caches, settings); its absence is a programming error.
    func configured<Key: StorageKey>(_ key: Key.Type) -> Key.Value {
        guard let value = storage[key] else { fatalError("configure() sets \(Key.Value.self)") }
        return value
    }
}
