// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InferIsolatedConformances"),
]

let package = Package(
    name: "LedgerMail",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ledgermail", targets: ["ledgermail"]),
        .executable(name: "ledgermail-bench", targets: ["ledgermail-bench"]),
        .library(name: "LedgerMail", targets: ["LedgerMail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: [.defaults, "YAML"]),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Already in the graph through swift-configuration; used directly to find the line of a
        // bad key without ever echoing the file (it may hold a password).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The pull API (issue 12): the server side is generated from openapi.yaml at build time.
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        // The BillSync agent's HTTP client.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Already in the graph through async-http-client: the agent's --ca-file.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        // The PostgreSQL engine (issue 10); imported only under Sources/LedgerMail/Store/PostgreSQL/.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // libcurl (Debian: libcurl4-gnutls-dev), with typed shims for its variadic calls.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-gnutls-dev"])]
        ),
        // libetpan (Debian: libetpan-dev) for IMAP.
        .systemLibrary(
            name: "CEtpan",
            // No pkgConfig: libetpan.pc carries linker flags SwiftPM refuses (with a warning);
            // the headers are in /usr/include and the module map links etpan.
            providers: [.apt(["libetpan-dev"])]
        ),
        // GnuTLS (Debian: libgnutls28-dev, which libetpan-dev already pulls in) for the server
        // certificate check: libetpan makes none, and libcurl's leaves out the key purpose.
        .systemLibrary(
            name: "CGnuTLS",
            pkgConfig: "gnutls",
            providers: [.apt(["libgnutls28-dev"])]
        ),
        // cairo + pango (Debian: libcairo2-dev, libpango1.0-dev) to render a PDF when a UBL has none.
        // No pkgConfig: pangocairo.pc carries -pthread, which SwiftPM refuses (with a warning);
        // the module map links the libraries and shim.h needs no -I flags (see there).
        .systemLibrary(
            name: "CCairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        // libxml2 (Debian: libxml2-dev) for the UBL reader: its streaming xmlTextReader, used
        // directly (FoundationXML's delegate calls cost more than the parse itself).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "LedgerMail",
            dependencies: [
                "CCurl",
                "CLibXML2",
                "CEtpan",
                "CGnuTLS",
                "CCairo",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The browser face: server-rendered pages for the owner and the accountant (`serve`).
        .target(
            name: "LedgerMailWeb",
            dependencies: [
                "LedgerMail",
                "LedgerMailAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        // The documents feed under /api/v1 of `serve`: its server side generated from openapi.yaml.
        .target(
            name: "LedgerMailAPI",
            dependencies: [
                "LedgerMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The BillSync agent (`ledgermail sync`), run on the accountant's machine.
        .target(
            name: "LedgerMailSync",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .executableTarget(
            name: "ledgermail",
            dependencies: [
                "LedgerMail",
                "LedgerMailWeb",
                "LedgerMailSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Throughput figures for the README (benchmarks print, they do not assert).
        .executableTarget(
            name: "ledgermail-bench",
            dependencies: [
                "LedgerMail",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LedgerMailTests",
            dependencies: ["LedgerMail", "LedgerMailWeb", "LedgerMailAPI",
                           // The PostgreSQL tests close their admin connections and use an event loop.
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            // Read through #filePath, so they work without the resource bundle machinery.
            exclude: ["Fixtures", "Support/parse_eml.py", "Support/bodystructure.py", "Support/tls_greeter.py",
                      "Web/webclient.py", "Web/web_security.py", "Web/web_browser.py", "Feed/feed_api.py", "Feed/schemathesis.toml"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
