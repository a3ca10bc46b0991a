import Foundation

/// Manifests kept beside the tests: Packer's real output (scripts/packer-fixtures) and native ones.
enum ManifestFixtures {
    static func data(_ folder: String, _ name: String) -> Data {
        guard
            let url = Bundle.module.url(
                forResource: name, withExtension: "json", subdirectory: "Fixtures/\(folder)"),
            let data = try? Data(contentsOf: url)
        else {
            fatalError("fixture Fixtures/\(folder)/\(name).json is missing from the test bundle")
        }
        return data
    }

    static func text(_ folder: String, _ name: String) -> String {
        String(decoding: data(folder, name), as: UTF8.self)
    }
}
