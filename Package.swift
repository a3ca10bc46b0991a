// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "ecdrop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ecdrop", targets: ["ecdrop"]),
        .executable(name: "ecdrop-bench", targets: ["ecdrop-bench"]),
    ],
    targets: [
        // C libraries from Debian, each used by exactly one adapter below.
        .systemLibrary(
            name: "CInotifyTools", path: "Sources/CInotifyTools",
            providers: [.apt(["libinotifytools0-dev"])]),
        .systemLibrary(
            name: "CMicroHTTPD", path: "Sources/CMicroHTTPD", pkgConfig: "libmicrohttpd",
            providers: [.apt(["libmicrohttpd-dev"])]),
        .target(name: "CMicroHTTPDShim", dependencies: ["CMicroHTTPD"], path: "Sources/CMicroHTTPDShim"),
        .systemLibrary(
            name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CCurlShim", dependencies: ["CCurl"], path: "Sources/CCurlShim"),
        .systemLibrary(
            name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]),

        // The pure core: Foundation only, no I/O.
        .target(name: "ECDropCore", swiftSettings: strict),

        // One thin adapter per C library.
        .target(name: "ECDropCrypto", dependencies: ["ECDropCore", "CCrypto"], swiftSettings: strict),
        .target(name: "ECDropYAML", dependencies: ["ECDropCore", "CYAML"], swiftSettings: strict),
        .target(name: "ECDropSQLite", dependencies: ["ECDropCore", "CSQLite"], swiftSettings: strict),
        .target(
            name: "ECDropInotify", dependencies: ["ECDropCore", "CInotifyTools"], swiftSettings: strict),
        .target(
            name: "ECDropHTTP", dependencies: ["ECDropCore", "CMicroHTTPD", "CMicroHTTPDShim"],
            swiftSettings: strict),
        .target(name: "ECDropCurl", dependencies: ["CCurl", "CCurlShim"], swiftSettings: strict),

        // Wiring: client, simulator, journal, pipeline, intake, daemon, commands.
        .target(
            name: "ECDropRuntime",
            dependencies: [
                "ECDropCore", "ECDropCrypto", "ECDropYAML", "ECDropSQLite", "ECDropInotify", "ECDropHTTP",
                "ECDropCurl",
            ],
            swiftSettings: strict),
        .executableTarget(name: "ecdrop", dependencies: ["ECDropRuntime"], swiftSettings: strict),
        .executableTarget(
            name: "ecdrop-bench", dependencies: ["ECDropRuntime", "ECDropCore", "ECDropCrypto", "ECDropYAML"],
            swiftSettings: strict),

        // Shared fakes for the test targets.
        .target(name: "ECDropTesting", dependencies: ["ECDropCore", "ECDropRuntime"], swiftSettings: strict),

        .testTarget(
            name: "ECDropCoreTests", dependencies: ["ECDropCore", "ECDropTesting", "ECDropCrypto"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "ECDropAdapterTests",
            dependencies: [
                "ECDropCrypto", "ECDropYAML", "ECDropSQLite", "ECDropInotify", "ECDropHTTP", "ECDropCurl",
                "ECDropTesting",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "ECDropRuntimeTests", dependencies: ["ECDropRuntime", "ECDropTesting"],
            swiftSettings: strict),
        .testTarget(
            name: "ECDropIntegrationTests", dependencies: ["ECDropRuntime", "ECDropTesting"],
            swiftSettings: strict),
    ]
)

// libFuzzer targets, one per parser, declared only when ECDROP_FUZZ=1 so ordinary builds never
// see them; `fuzz/run` builds them with `swift build --sanitize fuzzer`.
if Context.environment["ECDROP_FUZZ"] == "1" {
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("FuzzYAML", ["ECDropCore", "ECDropYAML"]),
        ("FuzzConfig", ["ECDropCore", "ECDropYAML"]),
        ("FuzzECDResponse", ["ECDropCore"]),
        ("FuzzAuthorization", ["ECDropCore"]),
        ("FuzzManifest", ["ECDropCore"]),
        ("FuzzPackerManifest", ["ECDropTesting"]),
        ("FuzzNativeManifest", ["ECDropTesting"]),
        ("FuzzWebhookRequest", ["ECDropCrypto", "ECDropTesting"]),
        ("FuzzRules", ["ECDropCore", "ECDropYAML"]),
        ("FuzzTemplate", ["ECDropCore"]),
    ]
    for target in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: target.name, dependencies: target.dependencies, path: "fuzz/Sources/\(target.name)",
                swiftSettings: strict))
    }
}
