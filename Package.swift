// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Styr",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "styr", targets: ["styr"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
    ],
    targets: [
        // Domain core: types, rules, parsing. No I/O, no Vapor. Optimised in debug builds too: the
        // tests and the test servers build national-size demo registers with it.
        .target(name: "StyrCore", swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // zlib (Debian zlib1g-dev), for the page cache's compressed pages.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Storage, web, API and commands.
        .target(
            name: "App",
            dependencies: [
                "StyrCore",
                "CZlib",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            resources: [.copy("Resources/Letters"), .copy("Resources/Geography"), .copy("Resources/Accounts")]
        ),
        .executableTarget(
            name: "styr",
            dependencies: ["App", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]),
        // Fixtures and snapshots are read from the source tree (#filePath), not bundled.
        .testTarget(
            name: "StyrCoreTests", dependencies: ["StyrCore"], exclude: ["History/Fixtures", "Import/Fixtures", "Reports/Fixtures"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                "CZlib",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            exclude: ["Platform/__Snapshots__"]
        ),
    ]
)
