import ArgumentParser
import LedgerMail
import LedgerMailWeb
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web pages for the owner and the accountant (web.listen, default 127.0.0.1:8080).",
        discussion: """
            Plain HTTP, meant to sit behind a TLS reverse proxy (config/nginx-ledgermail.conf);
            set web.base_url to the address people use (https: cookies are then Secure).
            Accounts come from `ledgermail user add`. Stops gracefully on SIGTERM or SIGINT.

            Example:
              ledgermail serve
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let gateway = try await options.gateway(service: true)
        let logger = Logger(label: "ledgermail.serve")
        let app = try await WebApp(gateway: gateway)
        let web = gateway.settings.web
        logger.info("serving on http://\(web.host):\(web.port) (people reach it at \(web.baseURL.absoluteString))",
                    metadata: ["event": "start"])
        let group = ServiceGroup(services: [try app.service(logger: logger)], gracefulShutdownSignals: [.sigterm, .sigint],
                                 logger: logger)
        try await group.run()
        logger.info("stopped", metadata: ["event": "stop"])
    }
}
