import ECDropCore
import Foundation

/// A template as written in a rule's upload values, parsed and rendered against a build.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let location = SourceLocation(file: "rules.yaml", line: 1, column: 1)
    guard case .success(let template) = TemplateParser(allowRegion: true).parse(text, at: location) else {
        return 0
    }
    _ = try? template.render(in: FuzzTemplateContext.context)
    return 0
}

enum FuzzTemplateContext {
    static let context = MatchContext(values: [
        "build.name": "Win11 Golden_ä", "build.time": "1767225600", "build.run_id": "6f1c2d3e-0a1b-4c5d",
        "build.custom.channel": "nightly", "artifact.name": "out/win11.vhd", "artifact.size": "42949672960",
        "region": "cn-hangzhou", "rule.name": "golden",
    ])
}
