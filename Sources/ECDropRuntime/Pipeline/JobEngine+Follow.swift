import ECDropCore
import Foundation

extension JobEngine {
    /// One DescribeImages (per page) for a batch of importing jobs of one region, then each
    /// job's answer to the machine. A job missing from the answer is "not listed yet".
    func poll(_ jobs: [Job]) async {
        guard let region = jobs.first?.region else { return }
        let ids = jobs.compactMap(\.imageId)
        do {
            let (found, requestId) = try await describeAll(
                DescribeImagesQuery(RegionId: region, ImageId: ids, MaxResults: 100))
            let byId = Dictionary(found.map { ($0.imageId, $0) }) { first, _ in first }
            for job in jobs {
                let image = job.imageId.flatMap { byId[$0] }
                if let progress = image?.progress, progress != job.progress { logProgress(progress, of: job) }
                await advance(job, with: .polled(image, requestId: requestId))
            }
        } catch {
            let failure = Self.failure(error, action: "DescribeImages")
            logger.warning("poll failed", ["region": .string(region), "error.code": .string(failure.code)])
            for job in jobs { await advance(job, with: .pollFailed(failure)) }
        }
    }

    /// One audit line per change of an import's progress, so a person watching sees it move.
    private func logProgress(_ progress: Int, of job: Job) {
        var data: LogMetadata = ["job.id": .string(job.id), "import.progress": .int(progress)]
        if let imageId = job.imageId { data["image.id"] = .string(imageId) }
        logger.info("import progress", data)
    }
}
