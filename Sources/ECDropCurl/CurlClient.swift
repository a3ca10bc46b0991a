import Foundation
import Synchronization

/// An HTTP client over libcurl's multi interface, on one thread of its own. Requests go out as
/// soon as they are handed over and answers come back straight to the caller, with no queue
/// between; connections are kept and reused. Proxies come from the environment as libcurl
/// reads them (`http_proxy`, `HTTPS_PROXY`, `NO_PROXY`).
public final class CurlClient: Sendable {
    /// The process's client: every exchange shares its thread and its kept connections.
    public static let shared = CurlClient()

    private let loop: CurlLoop
    /// Answers larger than this fail with `tooLarge`.
    public let maxBodyBytes: Int

    public init(threadName: String = "ecdrop.curl", maxBodyBytes: Int = 16 << 20) {
        guard let loop = CurlLoop() else {
            preconditionFailure("libcurl could not make a multi handle: the process is out of memory")
        }
        self.loop = loop
        self.maxBodyBytes = maxBodyBytes
        loop.start(named: threadName)
    }

    deinit { loop.stop() }

    /// Sends `request` and waits for the whole answer; a cancelled task stops its transfer.
    public func perform(_ request: CurlRequest) async throws(CurlFailure) -> CurlResponse {
        let box = TransferBox()
        let loop = self.loop
        let maxBodyBytes = self.maxBodyBytes
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let transfer = CurlTransfer(request, maxBodyBytes: maxBodyBytes, continuation: continuation)
                if box.set(transfer) { transfer.cancelRequested.store(true, ordering: .releasing) }
                loop.submit(transfer)
            }
        } onCancel: {
            if let transfer = box.cancel() { loop.cancel(transfer) }
        }
        return try outcome.get()
    }
}

/// Hands the transfer to the cancellation handler, which may run before it exists.
private final class TransferBox: Sendable {
    private let state = Mutex<(transfer: CurlTransfer?, cancelled: Bool)>((nil, false))

    /// Stores the transfer; true when the task was cancelled already.
    func set(_ transfer: CurlTransfer) -> Bool {
        state.withLock { state in
            state.transfer = transfer
            return state.cancelled
        }
    }

    /// Marks the task cancelled; the transfer when it exists.
    func cancel() -> CurlTransfer? {
        state.withLock { state in
            state.cancelled = true
            return state.transfer
        }
    }
}
