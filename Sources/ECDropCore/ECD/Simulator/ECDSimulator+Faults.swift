import Foundation

extension ECDSimulator {
    /// The random faults `faultRate` draws from: transient ones that a good client rides out.
    static let randomKinds: [SimulatorFault.Kind] = [.throttle, .unavailable, .internalError, .html]

    /// The fault this request gets, if any; planned faults first, consumed as they apply.
    mutating func takeFault(for action: String, random: () -> Double) -> SimulatorFault? {
        for index in faults.indices {
            let fault = faults[index]
            guard fault.action == nil || fault.action == action else { continue }
            if let probability = fault.probability, random() >= probability { continue }
            if let count = fault.count {
                if count <= 1 { faults.remove(at: index) } else { faults[index].count = count - 1 }
            }
            return fault
        }
        guard settings.faultRate > 0, random() < settings.faultRate else { return nil }
        let pick = Int(random() * Double(Self.randomKinds.count))
        return SimulatorFault(kind: Self.randomKinds[min(pick, Self.randomKinds.count - 1)])
    }

    func reply(for fault: SimulatorFault, requestId: String, host: String) -> SimulatorReply {
        let hang = fault.hangSeconds ?? settings.defaultHangSeconds
        switch fault.kind {
        case .throttle:
            var reply = error(400, "Throttling.User", "Request was denied due to user flow control.", requestId, host)
            if let retryAfter = fault.retryAfterMs, case .respond(let status, var headers, let body) = reply {
                headers["x-acs-retry-after"] = String(retryAfter)
                reply = .respond(status: status, headers: headers, body: body)
            }
            return reply
        case .unavailable:
            return error(
                503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.",
                requestId, host)
        case .internalError:
            return error(
                500, "InternalError", "The request processing has failed due to some unknown error.", requestId, host)
        case .html:
            let page =
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
                + "</h1></center>\r\n<hr><center>simulated gateway</center>\r\n</body>\r\n</html>\r\n"
            return .respond(status: 502, headers: ["Content-Type": "text/html"], body: Data(page.utf8))
        case .garbage:
            return .respond(status: 200, headers: ["Content-Type": "text/plain"], body: Data("garbage\u{1}\u{2}".utf8))
        case .reset, .resetAfter:
            return .drop
        case .hangBefore, .hangAfter:
            return .hangThenDrop(seconds: hang)
        }
    }
}
