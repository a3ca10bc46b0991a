import CCurl
import CCurlShim
import Foundation
import Synchronization

/// libcurl's multi interface on a thread of its own: requests come in through an inbox, the
/// thread adds them to the multi handle at once (curl_multi_wakeup), runs every transfer and
/// hands each outcome straight to its waiting caller. One thread, one connection cache.
final class CurlLoop: @unchecked Sendable {
    private struct Inbox {
        var submitted: [CurlTransfer] = []
        var cancelled: [CurlTransfer] = []
        var stopping = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    /// The loop thread's own: transfers added to the multi handle, by easy handle.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init?() {
        CurlGlobal.initialize()
        guard let multi = curl_multi_init() else { return nil }
        self.multi = multi
    }

    func submit(_ transfer: CurlTransfer) {
        inbox.withLock { $0.submitted.append(transfer) }
        curl_multi_wakeup(multi)
    }

    func cancel(_ transfer: CurlTransfer) {
        transfer.cancelRequested.store(true, ordering: .releasing)
        inbox.withLock { $0.cancelled.append(transfer) }
        curl_multi_wakeup(multi)
    }

    func stop() {
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi)
    }

    func start(named name: String) {
        let thread = Thread { [self] in
            ecdrop_curl_name_thread(name)
            run()
        }
        thread.start()
    }

    private func run() {
        while true {
            let taken = inbox.withLock { inbox in
                defer { inbox.submitted = []; inbox.cancelled = [] }
                return inbox
            }
            for transfer in taken.submitted { add(transfer) }
            for transfer in taken.cancelled { remove(transfer, because: .cancelled) }
            if taken.stopping { break }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectFinished()
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for transfer in Array(active.values) { remove(transfer, because: .other) }
        curl_multi_cleanup(multi)
    }

    private func add(_ transfer: CurlTransfer) {
        if transfer.cancelRequested.load(ordering: .acquiring) {
            transfer.finish(.failure(Self.failure(.cancelled, sent: false)))
            return
        }
        if let failure = transfer.makeHandle() {
            transfer.finish(.failure(failure))
            return
        }
        guard let handle = transfer.handle, curl_multi_add_handle(multi, handle) == CURLM_OK else {
            transfer.finish(
                .failure(CurlFailure(kind: .other, requestSent: false, detail: "libcurl refused the transfer")))
            return
        }
        active[handle] = transfer
    }

    private func remove(_ transfer: CurlTransfer, because kind: CurlFailure.Kind) {
        guard !transfer.isFinished else { return }
        guard let handle = transfer.handle, active.removeValue(forKey: handle) != nil else {
            // Not added yet: `add` sees `cancelRequested` when it comes.
            return
        }
        curl_multi_remove_handle(multi, handle)
        transfer.finish(.failure(Self.failure(kind, sent: true)))
    }

    private func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            guard let transfer = active.removeValue(forKey: handle) else { continue }
            curl_multi_remove_handle(multi, handle)
            transfer.complete(code)
        }
    }

    private static func failure(_ kind: CurlFailure.Kind, sent: Bool) -> CurlFailure {
        let detail = kind == .cancelled ? "the request was cancelled" : "the HTTP client was shut down"
        return CurlFailure(kind: kind, requestSent: sent, detail: detail)
    }
}

/// curl_global_init, once per process, before any handle exists.
enum CurlGlobal {
    private static let done: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    static func initialize() { _ = done }
}
