import ECDropCore
import Foundation

/// Fuzzer bytes completed into a document of one manifest format, so that every input reaches
/// that format's reader instead of stopping at "unknown format": the input is everything after
/// the key that selects the format. Corpus files hold the rest of a real manifest.
public enum FuzzManifestFormat: String, Sendable, CaseIterable {
    /// `{"last_run_uuid":` + input: the input gives the run id, `builds` and anything else.
    case packer
    /// `{"ecdrop_manifest":` + input: the input gives the version, `run_id`, `builds`, ….
    case native

    public var prefix: String {
        switch self {
        case .packer: #"{"last_run_uuid":"#
        case .native: #"{"ecdrop_manifest":"#
        }
    }

    public func document(_ input: Data) -> Data { Data(prefix.utf8) + input }
}

extension FuzzManifestFormat {
    /// Reads `document` as intake does, then builds the rules' view of every build and artifact;
    /// the manifest when it decodes, the refusal otherwise.
    public static func read(_ document: Data) -> Result<DecodedManifest, IntakeError> {
        let decoded = Result { () throws(IntakeError) in try ManifestDecoder.decode(document, origin: "fuzz.json") }
        if case .success(let manifest) = decoded {
            for build in manifest.builds {
                for artifact in build.artifacts {
                    let context = MatchContext(
                        build: build, artifact: artifact, format: manifest.format, source: "drop", origin: "fuzz.json")
                    _ = context.values.count
                }
            }
        }
        return decoded
    }
}
