import Foundation

/// Where a command prints its results (stdout); logs go to stderr through the logger.
public protocol TextOutput: Sendable {
    func write(_ text: String)
    /// True when a person is watching (stdout is a terminal): progress lines are worth drawing.
    var isInteractive: Bool { get }
}

extension TextOutput {
    public func line(_ text: String = "") { write(text + "\n") }
}

public struct StandardOutput: TextOutput {
    public init() {}

    public func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    public var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// Collects output in memory, for tests.
public final class BufferedOutput: TextOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    public init() {}

    public func write(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }

    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }

    public var isInteractive: Bool { false }
}
