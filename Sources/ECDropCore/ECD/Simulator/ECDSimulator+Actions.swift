import Foundation

extension ECDSimulator {
    mutating func upload(_ query: [String: String], now: Date, requestId: String, host: String) -> SimulatorReply {
        if let problem = UploadImageConstraints.check(query) {
            return error(400, problem.code, problem.message, requestId, host)
        }
        if let problem = regionProblem(query["RegionId"]!) { return error(400, problem.0, problem.1, requestId, host) }
        let name = query["ImageName"]!
        uploadsByName[name, default: 0] += 1
        let image = SimulatedImage(
            imageId: String(format: "m-sim%012x", counter), name: name, regionId: query["RegionId"]!,
            description: query["Description"], osType: query["OsType"] ?? "Windows",
            ossObjectPath: query["OssObjectPath"]!, created: now, importSeconds: settings.importSeconds)
        images.append(image)
        return .json(200, ["RequestId": requestId, "ImageId": image.imageId], headers: ["x-acs-request-id": requestId])
    }

    func describe(_ query: [String: String], now: Date, requestId: String, host: String) -> SimulatorReply {
        guard let region = query["RegionId"], !region.isEmpty else {
            return error(400, "MissingRegionId", "RegionId is mandatory for this action.", requestId, host)
        }
        let maxResults = query["MaxResults"].map { Int($0) ?? -1 } ?? 10
        guard (1...100).contains(maxResults) else {
            return error(
                400, "InvalidParameter.MaxResults", "The specified parameter MaxResults must be 1 to 100.", requestId,
                host)
        }
        let offset = query["NextToken"].map { Int($0.dropFirst("sim-".count)) ?? -1 } ?? 0
        guard offset >= 0, query["NextToken"].map({ $0.hasPrefix("sim-") }) ?? true else {
            return error(
                400, "InvalidParameter.NextToken", "The specified parameter NextToken is not valid.", requestId, host)
        }
        let ids = query.filter { $0.key.hasPrefix("ImageId.") }.map(\.value)
        let matching = images.filter { image in
            image.regionId == region && (ids.isEmpty || ids.contains(image.imageId))
                && (query["ImageName"].map { $0 == image.name } ?? true)
                && (query["ImageStatus"].map { $0 == image.status(at: now).status } ?? true)
                && (query["ImageType"].map { $0 == "CUSTOM" } ?? true)
        }
        let page = matching.dropFirst(offset).prefix(maxResults)
        let next = offset + page.count < matching.count ? "sim-\(offset + page.count)" : ""
        return .json(
            200, ["RequestId": requestId, "NextToken": next, "Images": page.map { $0.json(at: now) }],
            headers: ["x-acs-request-id": requestId])
    }

    mutating func delete(_ query: [String: String], requestId: String, host: String) -> SimulatorReply {
        guard let region = query["RegionId"], !region.isEmpty else {
            return error(400, "MissingRegionId", "RegionId is mandatory for this action.", requestId, host)
        }
        let ids = query.filter { $0.key.hasPrefix("ImageId.") }.map(\.value)
        guard !ids.isEmpty else {
            return error(400, "MissingImageId", "ImageId is mandatory for this action.", requestId, host)
        }
        if let unknown = ids.first(where: { id in !images.contains { $0.imageId == id && $0.regionId == region } }) {
            return error(
                400, "InvalidImageId.NotFound", "The specified image \(unknown) does not exist in \(region).",
                requestId,
                host)
        }
        images.removeAll { ids.contains($0.imageId) }
        return .json(200, ["RequestId": requestId], headers: ["x-acs-request-id": requestId])
    }

    func regionProblem(_ region: String) -> (String, String)? {
        do {
            try RegionId.validate(region)
            return nil
        } catch {
            return ("InvalidRegionId.Malformed", "The specified RegionId '\(region)' is not valid.")
        }
    }
}
