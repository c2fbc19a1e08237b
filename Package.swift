// swift-tools-version: 6.2
// Tributary: imports work items from other trackers into one local workspace.
// No package dependencies by design: system libraries only (SQLite, libcrypto, Foundation).

import PackageDescription

/// Every Swift target builds in Swift 6 language mode with strict concurrency, and any warning fails the build.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Tributary",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tributary", targets: ["tributary"]),
        .library(name: "ImportCore", targets: ["ImportCore"]),
    ],
    targets: [
        // System libraries.
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(name: "CAllocator", path: "Sources/CAllocator"),
        .systemLibrary(
            name: "CCrypto",
            path: "Sources/CCrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),

        // The core, without SQL: source contract, canonical model, mapping, config, destination seam,
        // engine, vault, HTTP, JSON, text.
        .target(
            name: "ImportCore",
            dependencies: ["CAllocator", "CCrypto"],
            path: "Sources/ImportCore",
            swiftSettings: strict
        ),

        // The embedded default destination: the SQLite workspace (schema, repositories, writer).
        .target(
            name: "WorkspaceStore",
            dependencies: ["ImportCore", "CSQLite"],
            path: "Sources/WorkspaceStore",
            swiftSettings: strict
        ),

        // One target per provider; each depends only on ImportCore.
        .target(
            name: "JiraProvider", dependencies: ["ImportCore"], path: "Sources/Providers/Jira", swiftSettings: strict),
        .target(
            name: "AsanaProvider", dependencies: ["ImportCore"], path: "Sources/Providers/Asana", swiftSettings: strict),
        .target(
            name: "LinearProvider", dependencies: ["ImportCore"], path: "Sources/Providers/Linear",
            swiftSettings: strict),
        .target(
            name: "ClickUpProvider", dependencies: ["ImportCore"], path: "Sources/Providers/ClickUp",
            swiftSettings: strict),

        // For provider authors and the engine's tests: the conformance kit and an in-memory destination.
        .target(
            name: "ImportTesting", dependencies: ["ImportCore"], path: "Sources/ImportTesting", swiftSettings: strict),

        // Loopback servers that emulate the providers' APIs (tests, demo, benchmarks).
        .target(
            name: "ProviderSandbox", dependencies: ["ImportCore"], path: "Sources/ProviderSandbox",
            swiftSettings: strict),

        // The command-line interface: a library (testable) and a thin executable.
        .target(
            name: "TributaryCLI",
            dependencies: [
                "ImportCore", "WorkspaceStore", "JiraProvider", "AsanaProvider", "LinearProvider", "ClickUpProvider",
                "ProviderSandbox",
            ],
            path: "Sources/TributaryCLI",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "tributary", dependencies: ["TributaryCLI"], path: "Sources/tributary", swiftSettings: strict),

        // Benchmarks (run in release mode, not part of `swift test`).
        .executableTarget(
            name: "tributary-bench",
            dependencies: [
                "ImportCore", "WorkspaceStore", "JiraProvider", "LinearProvider", "AsanaProvider", "ClickUpProvider",
                "ProviderSandbox", "TributaryCLI",
            ],
            path: "Benchmarks/Sources",
            swiftSettings: strict
        ),

        // Tests.
        .target(
            name: "TestSupport",
            dependencies: [
                "ImportCore", "WorkspaceStore", "ImportTesting", "ProviderSandbox", "JiraProvider", "LinearProvider",
                "AsanaProvider", "ClickUpProvider",
            ],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ImportCoreTests",
            dependencies: ["ImportCore", "WorkspaceStore", "ProviderSandbox", "TestSupport"],
            path: "Tests/ImportCoreTests",
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WorkspaceStoreTests",
            dependencies: ["ImportCore", "WorkspaceStore", "TestSupport"],
            path: "Tests/WorkspaceStoreTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProviderSandboxTests",
            dependencies: ["ImportCore", "ProviderSandbox"],
            path: "Tests/ProviderSandboxTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "JiraProviderTests",
            dependencies: ["ImportCore", "WorkspaceStore", "JiraProvider", "ProviderSandbox", "TestSupport"],
            path: "Tests/JiraProviderTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "AsanaProviderTests",
            dependencies: [
                "ImportCore", "WorkspaceStore", "AsanaProvider", "ProviderSandbox", "TestSupport", "TributaryCLI",
                "tributary",
            ],
            path: "Tests/AsanaProviderTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClickUpProviderTests",
            dependencies: [
                "ImportCore", "WorkspaceStore", "ClickUpProvider", "ProviderSandbox", "TestSupport", "TributaryCLI",
                "tributary",
            ],
            path: "Tests/ClickUpProviderTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "LinearProviderTests",
            dependencies: [
                "ImportCore", "WorkspaceStore", "ImportTesting", "LinearProvider", "ProviderSandbox", "TestSupport",
                "TributaryCLI",
                "tributary",
            ],
            path: "Tests/LinearProviderTests",
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EngineTests",
            dependencies: [
                "ImportCore", "WorkspaceStore", "ImportTesting", "JiraProvider", "ProviderSandbox", "TestSupport",
                "TributaryCLI",
                "tributary",
            ],
            path: "Tests/EngineTests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "ImportCore", "WorkspaceStore", "JiraProvider", "ProviderSandbox", "TestSupport", "TributaryCLI",
                "tributary",
            ],
            path: "Tests/CLITests",
            swiftSettings: strict
        ),
        .testTarget(
            name: "ProviderConformance",
            dependencies: [
                "ImportCore", "WorkspaceStore", "ImportTesting", "JiraProvider", "AsanaProvider", "LinearProvider",
                "ClickUpProvider", "ProviderSandbox",
                "TestSupport", "TributaryCLI",
            ],
            path: "Tests/ProviderConformance",
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "ImportCore", "WorkspaceStore", "JiraProvider", "ProviderSandbox", "TestSupport", "TributaryCLI",
                "tributary",
            ],
            path: "Tests/ReliabilityTests",
            swiftSettings: strict
        ),
    ]
)
