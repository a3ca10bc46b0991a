/// What the simulator keeps across restarts when asked to (`ecdrop simulator --state FILE`):
/// its images, its upload counts and its id counter. Nonces and fault plans are not kept.
public struct SimulatorSnapshot: Sendable, Hashable, Codable {
    public var images: [SimulatedImage]
    public var uploadsByName: [String: Int]
    public var counter: Int

    public init(images: [SimulatedImage] = [], uploadsByName: [String: Int] = [:], counter: Int = 0) {
        self.images = images
        self.uploadsByName = uploadsByName
        self.counter = counter
    }
}

extension ECDSimulator {
    public var snapshot: SimulatorSnapshot {
        SimulatorSnapshot(images: images, uploadsByName: uploadsByName, counter: counter)
    }

    public mutating func restore(_ snapshot: SimulatorSnapshot) {
        images = snapshot.images
        uploadsByName = snapshot.uploadsByName
        counter = snapshot.counter
    }
}
