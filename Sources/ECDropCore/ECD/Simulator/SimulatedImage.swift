import Foundation

/// One image the simulator is importing or has imported. Progress follows the clock.
public struct SimulatedImage: Sendable, Hashable, Codable {
    public var imageId: String
    public var name: String
    public var regionId: String
    public var description: String?
    public var osType: String
    public var ossObjectPath: String
    public var created: Date
    /// How long the import takes.
    public var importSeconds: Double

    /// Paths that contain `fail` end CreateFailed, halfway through the import.
    public var willFail: Bool { ossObjectPath.lowercased().contains("fail") }

    public func status(at now: Date) -> (status: String, progress: Int) {
        let elapsed = now.timeIntervalSince(created)
        let fraction = importSeconds <= 0 ? 1 : elapsed / importSeconds
        if willFail && fraction >= 0.5 { return ("CreateFailed", 50) }
        if fraction >= 1 { return ("Available", 100) }
        return ("Creating", max(0, min(99, Int(fraction * 100))))
    }

    public func json(at now: Date) -> [String: Any] {
        let (status, progress) = status(at: now)
        return [
            "ImageId": imageId, "Name": name, "Description": description ?? "", "Status": status,
            "Progress": "\(progress)%", "ImageType": "CUSTOM", "OsType": osType, "Platform": "Windows",
            "ProtocolType": "ASP", "CreationTime": ACSDate.format(created), "UpdateTime": ACSDate.format(now),
            "GpuCategory": false, "SessionType": "SINGLE_SESSION",
        ]
    }
}
