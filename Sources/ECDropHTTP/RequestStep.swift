internal import CMicroHTTPD
internal import CMicroHTTPDShim
import ECDropCore
import Foundation

/// The work of one access-handler call, on the library's thread.
struct RequestStep {
    let core: ServerCore
    let context: RequestContext
    let connection: OpaquePointer

    /// Headers are in: records them and refuses a declared body over the limit at once.
    func begin(method: String, context raw: UnsafeMutableRawPointer) -> MHD_Result {
        context.method = method
        _ = MHD_get_connection_values(connection, .HEADER_KIND, mhdCollectHeader, raw)
        context.remoteAddress = remoteAddress()
        let declared = context.headers.first { ASCIIText.equalsIgnoringCase($0.name, "Content-Length") }
        if let declared, let length = Int(declared.value), length > core.maxBodyBytes {
            return refuseTooLarge(length)
        }
        if let declared, let length = Int(declared.value), length > 0 {
            context.body.reserveCapacity(length)
        }
        context.phase = .receiving
        return .YES
    }

    /// A piece of body, or (size 0) the end of it: then the handler gets the request.
    func receive(_ data: UnsafePointer<CChar>?, size: UnsafeMutablePointer<Int>) -> MHD_Result {
        let count = size.pointee
        guard count == 0 else {
            size.pointee = 0
            guard context.body.count + count <= core.maxBodyBytes else {
                context.phase = .discarding(context.body.count + count)
                context.body = Data()
                return .YES
            }
            if let data {
                context.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count)
            }
            return .YES
        }
        context.phase = .dispatched
        core.deadlines.disarm(ecdrop_mhd_connection_fd(connection))
        MHD_suspend_connection(connection)
        core.dispatch(context, connection: ConnectionHandle(pointer: connection))
        return .YES
    }

    /// Past the limit: reads on to the end of the body (then answers 413), but closes the
    /// connection once the excess passes the limit again, so an endless body costs nothing.
    func discard(_ size: UnsafeMutablePointer<Int>, after discarded: Int) -> MHD_Result {
        let count = size.pointee
        guard count == 0 else {
            size.pointee = 0
            let total = discarded + count
            guard total <= 2 * max(core.maxBodyBytes, 65536) else {
                core.logger.debug("http endless body cut off", ["http.body_bytes": .int(total)])
                return .NO
            }
            context.phase = .discarding(total)
            return .YES
        }
        return refuseTooLarge(discarded)
    }

    /// The connection resumed: queues the handler's answer, or drops the connection.
    func answer() -> MHD_Result {
        context.phase = .answered
        guard let response = context.answer.withLock({ $0.take() }), !response.dropConnection else {
            return .NO
        }
        return queue(response)
    }

    private func refuseTooLarge(_ bytes: Int) -> MHD_Result {
        context.phase = .answered
        core.logger.debug(
            "http body too large", ["http.body_bytes": .int(bytes), "http.limit": .int(core.maxBodyBytes)])
        let response = HTTPResponse.error(
            413, code: "http.body_too_large",
            message: "the request body is larger than the limit of \(core.maxBodyBytes) bytes; send a smaller one")
        var closing = response
        closing.headers.append(("Connection", "close"))
        return queue(closing)
    }

    private func queue(_ response: HTTPResponse) -> MHD_Result {
        do {
            try send(response)
            return .YES
        } catch {
            core.logger.error("http response not sent", error: error, ["http.status": .int(response.status)])
            return .NO
        }
    }

    private func send(_ response: HTTPResponse) throws(HTTPServerError) {
        let created = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
        }
        let handle = try MHDCall.check(created, "MHD_create_response_from_buffer")
        defer { MHD_destroy_response(handle) }
        for (name, value) in response.headers where !ResponseHeaders.isManagedByLibrary(name) {
            try MHDCall.check(MHD_add_response_header(handle, name, value), "MHD_add_response_header", name)
        }
        if core.isDraining {
            try MHDCall.check(MHD_add_response_header(handle, "Connection", "close"), "MHD_add_response_header")
        }
        let status = UInt32(clamping: response.status)
        try MHDCall.check(MHD_queue_response(connection, status, handle), "MHD_queue_response", "status \(status)")
    }

    private func remoteAddress() -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            guard ecdrop_mhd_client_address(connection, buffer.baseAddress, buffer.count) == 0 else { return "" }
            return String(cString: buffer.baseAddress!)
        }
    }
}

/// Headers the library writes itself and refuses from applications.
enum ResponseHeaders {
    static func isManagedByLibrary(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == "content-length" || lowered == "transfer-encoding" || lowered == "date"
    }
}
