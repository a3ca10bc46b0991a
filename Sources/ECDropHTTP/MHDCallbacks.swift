internal import CMicroHTTPD
internal import CMicroHTTPDShim
import ECDropCore
import Foundation

// The library's callbacks. Each runs on the library's polling thread and touches only the
// Sendable core and the request's own context, both passed in as opaque pointers.

/// Request line received: creates the request's context from the raw target.
func mhdRequestStarted(
    _ cls: UnsafeMutableRawPointer?, _ uri: UnsafePointer<CChar>?, _ connection: OpaquePointer?
) -> UnsafeMutableRawPointer? {
    guard let cls else { return nil }
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
    core.requestStarted()
    let context = RequestContext(rawTarget: uri.map { String(cString: $0) } ?? "/")
    return Unmanaged.passRetained(context).toOpaque()
}

/// Request finished, answered or not: releases the context.
func mhdRequestCompleted(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ reason: MHD_RequestTerminationCode
) {
    guard let cls else { return }
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
    if let slot, let raw = slot.pointee {
        Unmanaged<RequestContext>.fromOpaque(raw).release()
        slot.pointee = nil
    }
    // The next request on this connection has its own time to arrive.
    if let connection { core.deadlines.arm(ecdrop_mhd_connection_fd(connection)) }
    if reason != .REQUEST_TERMINATED_COMPLETED_OK {
        core.logger.debug("http request cut off", ["http.termination": .int(Int(reason.rawValue))])
    }
    core.requestCompleted()
}

/// A connection opened or closed: arms or drops its request deadline.
func mhdConnectionChanged(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
    _ socketContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ change: MHD_ConnectionNotificationCode
) {
    guard let cls, let connection else { return }
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
    let socket = ecdrop_mhd_connection_fd(connection)
    switch change {
    case .CONNECTION_NOTIFY_STARTED: core.deadlines.arm(socket)
    case .CONNECTION_NOTIFY_CLOSED: core.deadlines.closed(socket)
    @unknown default: break
    }
}

/// One formatted line of the library's error log.
func mhdLogLine(_ cls: UnsafeMutableRawPointer?, _ line: UnsafePointer<CChar>?) {
    guard let cls, let line else { return }
    Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue().libraryLogged(String(cString: line))
}

/// Appends one header field to the request's context.
func mhdCollectHeader(
    _ cls: UnsafeMutableRawPointer?, _ kind: MHD_ValueKind, _ key: UnsafePointer<CChar>?,
    _ value: UnsafePointer<CChar>?
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let context = Unmanaged<RequestContext>.fromOpaque(cls).takeUnretainedValue()
    context.headers.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
    return .YES
}

/// Called for the headers, for each piece of body, once the body is complete, and again when
/// a suspended connection resumes with the handler's answer.
func mhdAccess(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadSize: UnsafeMutablePointer<Int>?, _ slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let uploadSize, let slot, let raw = slot.pointee else { return .NO }
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
    let context = Unmanaged<RequestContext>.fromOpaque(raw).takeUnretainedValue()
    let step = RequestStep(core: core, context: context, connection: connection)
    switch context.phase {
    case .new:
        return step.begin(method: method.map { String(cString: $0) } ?? "GET", context: raw)
    case .receiving:
        return step.receive(uploadData, size: uploadSize)
    case .discarding(let discarded):
        return step.discard(uploadSize, after: discarded)
    case .dispatched:
        return step.answer()
    case .answered:
        uploadSize.pointee = 0
        return .YES
    }
}
