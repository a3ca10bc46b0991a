import Foundation

/// A scratch rules folder, removed when the test ends.
final class RulesTestFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "ecdrop-rules-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// A valid rule, named `name`, that uploads every build to cn-hangzhou.
    static func rule(_ name: String) -> String {
        """
          - name: \(name)
            match:
              build.name: {exists: true}
            regions: [cn-hangzhou]
            upload:
              OssObjectPath: "https://b.oss-{{ region }}.aliyuncs.com/{{ build.name }}.vhd"
              ImageName: "{{ build.name | image_name }}-\(name)"
              GpuCategory: false

        """
    }
}
