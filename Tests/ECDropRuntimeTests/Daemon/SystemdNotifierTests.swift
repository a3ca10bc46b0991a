import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("systemd notifications over a real datagram socket")
struct SystemdNotifierTests {
    @Test("without NOTIFY_SOCKET there is no notifier")
    func absentWithoutSocket() {
        #expect(SystemdNotifier(environment: [:]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]) == nil)
    }

    @Test(
        "states reach a socket named by path or by abstract name",
        arguments: ["path", "abstract"])
    func statesArrive(kind: String) throws {
        let unique = UUID().uuidString.prefix(8)
        let name = kind == "path" ? NSTemporaryDirectory() + "ecdrop-notify-\(unique)" : "@ecdrop-notify-\(unique)"
        let listener = try NotifyListener(name: name)
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": name]))

        try notifier.ready(status: "serving 1 drop folder")
        #expect(listener.receive() == "READY=1\nSTATUS=serving 1 drop folder")
        try notifier.watchdog()
        #expect(listener.receive() == "WATCHDOG=1")
        try notifier.reloading()
        let reloading = try #require(listener.receive())
        #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
        #expect(UInt64(reloading.split(separator: "=").last ?? "") != nil)
        try notifier.stopping()
        #expect(listener.receive() == "STOPPING=1")
    }

    @Test("a socket that is not there is reported with the path and a fix")
    func missingSocket() throws {
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/ecdrop-notify"]))
        #expect {
            try notifier.stopping()
        } throws: { error in
            let error = error as! SystemdNotifyError
            return error.code == "systemd.notify_failed" && error.message.contains("/nonexistent/ecdrop-notify")
        }
    }

    @Test(
        "the watchdog interval is half of WATCHDOG_USEC, and only for this process",
        arguments: [
            (["WATCHDOG_USEC": "30000000"], 15.0),
            (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": String(getpid())], 15.0),
            (["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"], nil),
            (["WATCHDOG_USEC": "zero"], nil),
            ([:], nil),
        ] as [([String: String], Double?)])
    func watchdogInterval(extra: [String: String], expected: Double?) throws {
        let environment = extra.merging(["NOTIFY_SOCKET": "@x"]) { a, _ in a }
        #expect(SystemdNotifier(environment: environment)?.watchdogInterval == expected)
    }
}
