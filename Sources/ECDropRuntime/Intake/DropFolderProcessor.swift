import ECDropCore
import Foundation

/// Reads one file from a drop folder, hands it to the sink and acts on the answer: the
/// after-action on success, `failed/` with an error document on refusal, a wait or a retry
/// otherwise. Runs off the watcher's actor; touches only the one file it was given.
struct DropFolderProcessor: Sendable {
    var settings: DropFolderSettings
    var sink: any ManifestSink
    var time: any TimeSource
    var logger: Logger
    var options: DropFolderWatcher.Options

    func process(_ name: String, incompleteSince: Date?, attempts: Int) async -> DropFolderResult {
        let path = settings.path + "/" + name
        let file: (bytes: Data, stamp: FileStamp)
        do {
            file = try DropFolderFiles.read(path, limit: options.maxManifestBytes)
        } catch {
            return unreadable(path, error, attempts: attempts)
        }

        let manifest = IncomingManifest(source: .drop, origin: path, bytes: file.bytes, receivedAt: time.now())
        do {
            let receipt = try await sink.accept(manifest)
            logger.info(
                "manifest taken",
                [
                    "drop.path": .string(path), "manifest.id": .string(receipt.manifestId),
                    "jobs": .int(receipt.jobIds.count), "manifest.repeat": .bool(receipt.isRepeat),
                ])
            return applyAfterAction(path, stamp: file.stamp)
        } catch let error as IntakeError {
            return refused(path, error, stamp: file.stamp, incompleteSince: incompleteSince, attempts: attempts)
        } catch {
            let delay = options.fileRetry.delay(afterFailures: attempts + 1)
            logger.warning("drop manifest not taken, will retry", failure(path, error, retryIn: delay))
            return .retry(after: delay)
        }
    }

    private func unreadable(_ path: String, _ error: DropFolderError, attempts: Int) -> DropFolderResult {
        if error.isMissing { return .gone }
        if error.reason == .tooLarge { return setAside(path, error, stamp: nil) }
        let delay = options.fileRetry.delay(afterFailures: attempts + 1)
        logger.warning("drop file unreadable, will retry", failure(path, error, retryIn: delay))
        return .retry(after: delay)
    }

    private func refused(
        _ path: String, _ error: IntakeError, stamp: FileStamp, incompleteSince: Date?, attempts: Int
    ) -> DropFolderResult {
        switch error.reason {
        case .incomplete:
            return incomplete(path, error, stamp: stamp, since: incompleteSince ?? time.now())
        case .queueFull, .shuttingDown, .journal:
            let delay = options.busyRetry.delay(afterFailures: attempts + 1)
            logger.warning("drop manifest not taken, will retry", failure(path, error, retryIn: delay))
            return .pauseFolder(for: delay)
        case .invalid, .unknownFormat, .noBuild:
            return setAside(path, error, stamp: stamp)
        }
    }

    /// Probably still being written: wait for the next write, and give up after the timeout.
    private func incomplete(_ path: String, _ error: IntakeError, stamp: FileStamp, since: Date) -> DropFolderResult {
        let giveUp = since.addingTimeInterval(settings.incompleteTimeout)
        guard time.now() >= giveUp else {
            logger.debug("drop manifest incomplete, waiting for a write", ["drop.path": .string(path)])
            return .incomplete(stamp, finalCheck: giveUp)
        }
        let seconds = Int(settings.incompleteTimeout.rounded())
        let timeout = DropFolderError(
            .incompleteTimeout,
            "'\(path)' was still empty or truncated \(seconds) s after it was first read (\(error.message))",
            path: path, cause: error)
        return setAside(path, timeout, stamp: stamp)
    }

    private func applyAfterAction(_ path: String, stamp: FileStamp) -> DropFolderResult {
        guard let now = currentStamp(path) else { return .done }
        guard now == stamp else { return .changed }
        do {
            switch settings.after {
            case .keep:
                return .rest(stamp)
            case .delete:
                try DropFolderFiles.remove(path)
            case .move:
                _ = try DropFolderFiles.moveWithoutOverwriting(path, into: settings.path + "/processed")
            }
            return .done
        } catch {
            logger.error("drop after-action failed", error: error, ["drop.path": .string(path)])
            return .rest(stamp)
        }
    }

    /// Moves a manifest that cannot be accepted to `failed/`, with an error document beside it.
    private func setAside(_ path: String, _ error: any ECDropError, stamp: FileStamp?) -> DropFolderResult {
        guard let current = currentStamp(path) else { return .gone }
        if let stamp, current != stamp { return .changed }
        let moved: String
        do {
            moved = try DropFolderFiles.moveWithoutOverwriting(path, into: settings.path + "/failed")
        } catch {
            logger.error("drop folder could not set a manifest aside", error: error, ["drop.path": .string(path)])
            return .rest(current)
        }
        let report = DropFolderFailureReport(error: error, file: path, at: time.now())
        do {
            try DropFolderFiles.writeAtomically(report.encoded(), to: moved + ".error.json")
        } catch {
            logger.error("drop folder could not write an error document", error: error, ["drop.path": .string(moved)])
        }
        logger.warning(
            "manifest refused",
            [
                "drop.path": .string(path), "drop.failed_path": .string(moved), "error.code": .string(error.code),
                "error.message": .string(error.message),
            ])
        return .done
    }

    private func currentStamp(_ path: String) -> FileStamp? {
        (try? DropFolderFiles.regularFileStamp(path)) ?? nil
    }

    private func failure(_ path: String, _ error: any Error, retryIn delay: TimeInterval) -> LogMetadata {
        let known = error as? any ECDropError
        return [
            "drop.path": .string(path), "error.code": .string(known?.code ?? "drop.failed"),
            "error.message": .string(known?.message ?? String(describing: error)),
            "retry_in_ms": .int(Int(delay * 1000)),
        ]
    }
}
