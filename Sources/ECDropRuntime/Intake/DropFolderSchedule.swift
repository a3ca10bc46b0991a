import Foundation

/// The drop-folder watcher's bookkeeping, without any I/O: which names wait for their settle
/// delay or a retry, which are ready, which are being read, and whether the folder is paused.
///
/// Memory is a few dozen bytes a name; file contents never live here.
struct DropFolderSchedule {
    struct Entry: Equatable {
        /// When to read the file next; nil while it waits for a write (incomplete, kept, stuck).
        var due: Date?
        /// When the document was first found incomplete, for the incomplete timeout.
        var incompleteSince: Date?
        /// Failed attempts in a row, for the retry backoff.
        var attempts = 0
        /// The version last read, so a rescan skips files that did not change.
        var stamp: FileStamp?
        /// A write arrived while the file was being read.
        var rewritten = false
        var isReady = false
    }

    private(set) var entries: [String: Entry] = [:]
    private(set) var inFlight: Set<String> = []
    private(set) var pausedUntil: Date?
    private var timeline = DeadlineHeap()
    private var ready: [String] = []
    private var readyHead = 0

    var readyCount: Int { ready.count - readyHead }

    /// Nothing is being read, ready, or waiting for a settle delay or retry; files that wait for
    /// a write (incomplete ones until their final check, kept ones) do not count.
    var isIdle: Bool {
        inFlight.isEmpty && readyCount == 0
            && !entries.values.contains { $0.due != nil && $0.incompleteSince == nil }
    }

    /// A write finished (close_write, moved in): read the file once it has been quiet for `settle`.
    mutating func noteWritten(_ name: String, at now: Date, settle: TimeInterval) {
        var entry = entries[name] ?? Entry()
        entry.attempts = 0
        if inFlight.contains(name) {
            entry.rewritten = true
            entries[name] = entry
            return
        }
        entry.isReady = false
        entries[name] = entry
        schedule(name, at: now.addingTimeInterval(settle))
    }

    /// A scan found the file: treat it as written unless it is known and unchanged.
    mutating func noteFound(_ name: String, stamp: FileStamp, at now: Date, settle: TimeInterval) {
        guard !inFlight.contains(name) else { return }
        if let known = entries[name] {
            if known.isReady || known.stamp == stamp { return }
            if known.stamp == nil, known.due != nil { return }
        }
        noteWritten(name, at: now, settle: settle)
    }

    /// The file was deleted or moved away; forget it unless it is being read right now.
    mutating func noteGone(_ name: String) {
        guard !inFlight.contains(name) else { return }
        entries[name] = nil
    }

    /// Moves every entry whose deadline has come to the ready queue, earliest first.
    mutating func promoteDue(at now: Date) {
        while let (deadline, name) = timeline.peek(), deadline <= now {
            timeline.pop()
            guard var entry = entries[name], entry.due == deadline, !inFlight.contains(name) else { continue }
            entry.due = nil
            entry.isReady = true
            entries[name] = entry
            ready.append(name)
        }
        if let pause = pausedUntil, pause <= now { pausedUntil = nil }
    }

    /// The next ready name to read, marked in flight; nil when none or while paused.
    mutating func startNext(at now: Date) -> (name: String, incompleteSince: Date?)? {
        if let pause = pausedUntil, pause > now { return nil }
        while readyHead < ready.count {
            let name = ready[readyHead]
            readyHead += 1
            compactReadyQueue()
            guard var entry = entries[name], entry.isReady else { continue }
            entry.isReady = false
            entries[name] = entry
            inFlight.insert(name)
            return (name, entry.incompleteSince)
        }
        return nil
    }

    /// The earliest moment something becomes due (a deadline, or the end of a pause with work ready).
    var nextDeadline: Date? {
        var candidates: [Date] = []
        if let (deadline, _) = timeline.peek() { candidates.append(deadline) }
        if let pause = pausedUntil, readyCount > 0 { candidates.append(pause) }
        return candidates.min()
    }

    /// Records how reading `name` ended.
    mutating func finish(_ name: String, _ result: DropFolderResult, at now: Date, settle: TimeInterval) {
        inFlight.remove(name)
        guard var entry = entries[name] else { return }
        let rewritten = entry.rewritten
        entry.rewritten = false
        entries[name] = entry
        switch result {
        case .done, .gone:
            entries[name] = nil
        case .changed:
            break
        case .rest(let stamp):
            entries[name]?.stamp = stamp
            entries[name]?.incompleteSince = nil
            entries[name]?.attempts = 0
        case .incomplete(let stamp, let finalCheck):
            entries[name]?.stamp = stamp
            entries[name]?.incompleteSince = entry.incompleteSince ?? now
            schedule(name, at: finalCheck)
        case .retry(let delay):
            entries[name]?.attempts += 1
            schedule(name, at: now.addingTimeInterval(delay))
        case .pauseFolder(let delay):
            pausedUntil = max(pausedUntil ?? now, now.addingTimeInterval(delay))
            schedule(name, at: now)
        }
        // A write during the read (or a new file under the same name) wins: read it once it settles.
        if rewritten || result == .changed {
            let incompleteSince = entries[name]?.incompleteSince
            noteWritten(name, at: now, settle: settle)
            entries[name]?.incompleteSince = incompleteSince
        }
    }

    func attempts(of name: String) -> Int { entries[name]?.attempts ?? 0 }

    private mutating func schedule(_ name: String, at deadline: Date) {
        entries[name]?.due = deadline
        timeline.push(deadline, name)
    }

    private mutating func compactReadyQueue() {
        guard readyHead > 1024, readyHead * 2 > ready.count else { return }
        ready.removeFirst(readyHead)
        readyHead = 0
    }
}

/// How reading one file ended, as far as the schedule cares.
enum DropFolderResult: Equatable {
    /// Delivered and moved or deleted, or moved to failed/: forget the name.
    case done
    /// The file is not there any more.
    case gone
    /// Leave the file alone until it is written again (kept after delivery, or stuck).
    case rest(FileStamp)
    /// The file changed between reading it and acting on it: read it again once it settles.
    case changed
    /// Wait for the next write; read once more at `finalCheck` in any case.
    case incomplete(FileStamp, finalCheck: Date)
    /// Something went wrong with this file; try again after `delay`.
    case retry(after: TimeInterval)
    /// The sink is busy or its journal in trouble: pause the whole folder, then try this file again.
    case pauseFolder(for: TimeInterval)
}

/// A min-heap of deadlines; entries that changed since are skipped when popped.
struct DeadlineHeap {
    private var items: [(Date, String)] = []

    var count: Int { items.count }

    func peek() -> (Date, String)? { items.first }

    mutating func push(_ deadline: Date, _ name: String) {
        items.append((deadline, name))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].0 < items[parent].0 else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, items[left].0 < items[smallest].0 { smallest = left }
            if right < items.count, items[right].0 < items[smallest].0 { smallest = right }
            guard smallest != parent else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
