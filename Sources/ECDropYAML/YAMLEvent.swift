/// One libyaml parser event, copied out of C into Swift values.
struct YAMLEvent: Sendable {
    enum Kind: Sendable, Equatable {
        case streamStart, streamEnd
        case documentStart, documentEnd
        /// `plain` is false for quoted and block (`|`, `>`) scalars.
        case scalar(String, plain: Bool)
        case sequenceStart, sequenceEnd
        case mappingStart, mappingEnd
        case alias(String)
    }

    var kind: Kind
    var anchor: String?
    var tag: String?
    /// 1-based, counted in characters as libyaml counts them.
    var line: Int
    var column: Int
}
