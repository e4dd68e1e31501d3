import Foundation
import Hummingbird
import LedgerMail

/// Accountant > Send (the quarter end: the plan first, then the send and its notification) and
/// the period's documents as one ZIP.
extension WebApp {
    func addPeriodRoutes(to router: Router<WebContext>) {
        router.get("/dossiers/:dossier/send") { _, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            var values = visit.values
            values["dossier"] = dossierValues(dossier, visit: visit)
            values["period"] = Self.lastQuarter(in: dossier.resolvedTimeZone)
            return pages.render("send", language: visit.account.language, values)
        }
        router.post("/dossiers/:dossier/send") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            let form = try await postedForm(request, context)
            let periodText = form.value("period") ?? ""
            let period = try Period(parsing: periodText)
            let comment = form.value("comment")
            if let comment { try InvalidInput.checkSingleLine(comment.replacingOccurrences(of: "\r\n", with: " "), name: "comment") }
            let confirmed = form["confirm"] == "1"
            let report = try await gateway.periodSend.send(dossier: dossier.name, period: period, comment: comment, dryRun: !confirmed)
            var values = visit.values
            values["dossier"] = dossierValues(dossier, visit: visit)
            values["period"] = period.description
            values["comment"] = comment ?? ""
            values["confirmed"] = confirmed
            let plan = report.plan
            values["plan"] = ["documents": plan.documents.count, "to_send": plan.toSend.count, "sent_before": plan.sentBefore.count,
                              "failed": plan.failed.count, "bounced": plan.bounced.count, "challenged": plan.challenged.count,
                              "held": plan.held.count]
            values["to_send"] = plan.toSend.map { present(["id": $0.documentID, "number": $0.number, "kind": $0.kind?.rawValue]) }
            values["problems"] = (plan.failed + plan.bounced + plan.challenged + plan.held).map {
                present(["id": $0.documentID, "number": $0.number, "state": $0.state.rawValue, "reason": $0.reason])
            }
            if let send = report.send { values["result"] = ["sent": send.sent, "deferred": send.deferred, "failed": send.failed] }
            if let address = report.notifiedAddress { values["notified"] = address }
            return pages.render("send-plan", language: visit.account.language, values)
        }
        router.post("/dossiers/:dossier/mail-out") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            let form = try await postedForm(request, context)
            let period = try Period(parsing: form.value("period") ?? "")
            let cap = try form.value("max_size").map { text throws(InvalidInput) in try ByteSize(parsing: text) } ?? ByteSize(bytes: 20 << 20)
            let report = try await gateway.mailOut.send(dossier: dossier.name, period: period, to: form.value("to") ?? "",
                                                   zip: form["zip"] == "1", maxSize: cap)
            var values = visit.values
            values["dossier"] = dossierValues(dossier, visit: visit)
            let label = pages.labels[visit.account.language]?["mail_out_sent"] ?? "Sent"
            values["message"] = "\(label): \(report.documents) document(s), \(report.mails.count) mail(s) → \(form.value("to") ?? "")"
            return pages.render("notice", language: visit.account.language, values)
        }
        router.get("/dossiers/:dossier/export") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit)
            let period = try Period(parsing: request.uri.queryParameters.get("period") ?? "")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-export-\(UUID().uuidString).zip")
            // Written off the cooperative pool, then opened and unlinked at once: whatever the
            // client does next, nothing is left behind in the temporary directory.
            let handle: FileHandle
            do {
                handle = try await gateway.periodExport.file(dossier: dossier.name, period: period, to: file)
            } catch {
                try? FileManager.default.removeItem(at: file)
                throw error
            }
            var response = Response(status: .ok, body: Self.streamed(handle))
            response.headers[.contentType] = "application/zip"
            response.headers[.contentDisposition] = "attachment; filename=\"\(dossier.name)-\(period.description).zip\""
            return response
        }
    }

    /// An open (already unlinked) file sent in 64 KB pieces, then closed.
    static func streamed(_ handle: FileHandle) -> ResponseBody {
        let size = (try? handle.seekToEnd()).map(Int.init)
        _ = try? handle.seek(toOffset: 0)
        return ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 64 << 10), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
    }

    /// The quarter before today's, the one an owner sends at quarter end (`2026-Q3`).
    static func lastQuarter(in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month], from: Date())
        let quarter = ((parts.month ?? 1) - 1) / 3 + 1
        return quarter == 1 ? "\((parts.year ?? 2026) - 1)-Q4" : "\(parts.year ?? 2026)-Q\(quarter - 1)"
    }
}
