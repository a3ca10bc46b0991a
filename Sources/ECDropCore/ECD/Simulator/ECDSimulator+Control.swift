import Foundation

/// The simulator's own endpoints under `/_sim/`, for tests and chaos runs (unsigned):
/// `GET /_sim/uploads`, `GET|POST|DELETE /_sim/faults`, `GET /_sim/images`, `POST /_sim/reset`,
/// `GET /_sim/health`.
extension ECDSimulator {
    mutating func control(_ request: SimulatedRequest, now: Date) -> SimulatorReply {
        switch (request.method, request.path) {
        case ("GET", "/_sim/health"):
            return .json(200, ["simulator": true, "images": images.count])
        case ("GET", "/_sim/uploads"):
            return .json(200, ["uploads": uploadsByName, "total": uploadsByName.values.reduce(0, +)])
        case ("GET", "/_sim/images"):
            return .json(
                200, ["images": images.map { $0.json(at: now).merging(["RegionId": $0.regionId]) { a, _ in a } }])
        case ("GET", "/_sim/faults"):
            return faultList()
        case ("POST", "/_sim/faults"):
            guard let added = Self.decodeFaults(request.body) else {
                return .json(
                    400,
                    [
                        "error": "the body must be a fault object or {\"faults\": [...]}; kinds: "
                            + SimulatorFault.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                    ])
            }
            faults += added
            return faultList()
        case ("DELETE", "/_sim/faults"):
            faults.removeAll()
            return faultList()
        case ("POST", "/_sim/reset"):
            images.removeAll()
            uploadsByName.removeAll()
            faults.removeAll()
            nonces.removeAll()
            return .json(200, ["reset": true])
        default:
            return .json(404, ["error": "no simulator endpoint \(request.method) \(request.path)"])
        }
    }

    private func faultList() -> SimulatorReply {
        let encoded = (try? JSONEncoder().encode(faults)).flatMap { try? JSONSerialization.jsonObject(with: $0) }
        return .json(200, ["faults": encoded ?? []])
    }

    static func decodeFaults(_ body: Data) -> [SimulatorFault]? {
        struct Plan: Decodable { var faults: [SimulatorFault] }
        if let plan = try? JSONDecoder().decode(Plan.self, from: body) { return plan.faults }
        if let one = try? JSONDecoder().decode(SimulatorFault.self, from: body) { return [one] }
        return nil
    }
}
