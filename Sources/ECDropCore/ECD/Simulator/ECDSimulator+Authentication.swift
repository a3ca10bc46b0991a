import Foundation

extension ECDSimulator {
    /// The headers a V3 request must carry, all of them signed.
    static let requiredHeaders = [
        "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version",
    ]

    /// Nil when the request is signed by the accepted key, on time and not a replay; otherwise
    /// the gateway's refusal.
    mutating func authenticate(
        _ request: SimulatedRequest, query: [(name: String, value: String)], now: Date, requestId: String, host: String
    ) -> SimulatorReply? {
        for name in Self.requiredHeaders where request.header(name) == nil {
            return error(400, "MissingHeader", "The header \(name) is required for this action.", requestId, host)
        }
        guard request.header("x-acs-version") == ACSRequestBuilder.ecdVersion else {
            return error(
                400, "InvalidVersion", "Specified parameter Version is not valid; ECD is 2020-09-30.", requestId, host)
        }
        guard let date = ACSDate.parse(request.header("x-acs-date")!) else {
            return error(
                400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.", requestId,
                host)
        }
        guard abs(date.timeIntervalSince(now)) <= settings.maxSkew else {
            return error(
                400, "InvalidTimeStamp.Expired",
                "Specified time stamp or date value is expired: x-acs-date is more than 15 minutes from the server's "
                    + "clock (\(ACSDate.format(now))).", requestId, host)
        }
        guard let authorization = request.header("authorization"),
            let parsed = ACS3Signer.parseAuthorization(authorization)
        else {
            return error(
                400, "IncompleteSignature", "The Authorization header is missing or not ACS3-HMAC-SHA256.", requestId,
                host)
        }
        guard parsed.accessKeyId == settings.accessKeyId else {
            return error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", requestId, host)
        }
        if let refusal = checkSignedHeaders(request, signed: parsed.signedHeaders, requestId: requestId, host: host) {
            return refusal
        }
        if let refusal = checkSignature(request, query: query, parsed: parsed, requestId: requestId, host: host) {
            return refusal
        }
        return checkNonce(request.header("x-acs-signature-nonce")!, now: now, requestId: requestId, host: host)
    }

    private func checkSignedHeaders(
        _ request: SimulatedRequest, signed: [String], requestId: String, host: String
    ) -> SimulatorReply? {
        let sent = Set(request.headers.map { $0.name.lowercased() })
        let mustSign = Self.requiredHeaders + sent.filter { $0.hasPrefix("x-acs-") }.sorted()
        if let unsigned = mustSign.first(where: { !signed.contains($0) }) {
            return error(400, "IncompleteSignature", "The header \(unsigned) must be signed.", requestId, host)
        }
        if let absent = signed.first(where: { !sent.contains($0) }) {
            return error(400, "IncompleteSignature", "The signed header \(absent) was not sent.", requestId, host)
        }
        let payload = digests.sha256Hex(request.body)
        guard request.header("x-acs-content-sha256") == payload else {
            return error(
                400, "SignatureDoesNotMatch", "x-acs-content-sha256 is not the SHA-256 of the body.", requestId, host)
        }
        return nil
    }

    private func checkSignature(
        _ request: SimulatedRequest, query: [(name: String, value: String)],
        parsed: (accessKeyId: String, signedHeaders: [String], signature: String), requestId: String, host: String
    ) -> SimulatorReply? {
        let headers = parsed.signedHeaders.flatMap { name in
            request.headers.filter { $0.name.lowercased() == name }
        }
        let expected = ACS3Signer(digests: digests).sign(
            method: request.method, path: "/", query: query, headers: headers,
            payloadHash: request.header("x-acs-content-sha256")!, accessKeyId: settings.accessKeyId,
            secret: settings.accessKeySecret)
        guard expected.signature != parsed.signature else { return nil }
        return error(
            400, "SignatureDoesNotMatch",
            "Specified signature does not match our calculation. The simulator's canonical request is:\n"
                + expected.canonicalRequest, requestId, host)
    }

    private mutating func checkNonce(_ nonce: String, now: Date, requestId: String, host: String) -> SimulatorReply? {
        nonces = nonces.filter { now.timeIntervalSince($0.value) <= settings.maxSkew }
        guard nonces[nonce] == nil else {
            return error(400, "SignatureNonceUsed", "Specified signature nonce was used already.", requestId, host)
        }
        nonces[nonce] = now
        return nil
    }
}
