import ECDropCore
import ECDropCrypto
import ECDropHTTP
import Foundation
import Synchronization

/// The ECD simulator on the project's HTTP server: each request goes through the pure
/// `ECDSimulator` under a lock; hangs sleep in the request's own task, so others go on.
public final class SimulatorHandler: HTTPHandler {
    private let state: Mutex<ECDSimulator>
    private let time: any TimeSource
    private let logger: Logger
    private let store: SimulatorStateFile?

    /// With `statePath`, images and upload counts are read from that file at start and written
    /// back after every change.
    public init(
        settings: ECDSimulator.Settings, faults: [SimulatorFault] = [], statePath: String? = nil,
        time: any TimeSource = SystemTimeSource(), logger: Logger
    ) throws {
        var simulator = ECDSimulator(settings: settings, digests: OpenSSLDigests(), faults: faults)
        store = statePath.map(SimulatorStateFile.init)
        if let snapshot = try store?.load() { simulator.restore(snapshot) }
        self.state = Mutex(simulator)
        self.time = time
        self.logger = logger
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let simulated = SimulatedRequest(
            method: request.method, path: request.path, rawQuery: request.rawQuery, headers: request.headers,
            body: request.body)
        let now = time.now()
        let (reply, changed) = state.withLock { simulator in
            let before = simulator.snapshot
            let reply = simulator.handle(simulated, now: now) { Double.random(in: 0..<1) }
            let after = simulator.snapshot
            return (reply, after != before ? after : nil)
        }
        if let changed, let store {
            do { try store.save(changed) } catch {
                logger.error("simulator state not saved", error: error, ["file.path": .string(store.path)])
            }
        }
        logger.debug(
            "simulator request",
            [
                "http.path": .string(request.path), "api.action": .string(request.header("x-acs-action") ?? ""),
                "http.status": .int(reply.status ?? 0),
            ])
        if request.header("x-acs-action") == "UploadImage", reply.status == 200 {
            logger.info("simulator upload accepted", ["http.remote": .string(request.remoteAddress)])
        }
        switch reply {
        case .respond(let status, let headers, let body):
            return HTTPResponse(
                status: status, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, body: body)
        case .drop:
            return .drop
        case .hangThenDrop(let seconds):
            try? await time.sleep(for: seconds)
            return .drop
        }
    }

    /// Uploads received so far, per ImageName.
    public var uploadsByName: [String: Int] { state.withLock { $0.uploadsByName } }
}
