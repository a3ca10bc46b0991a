internal import CYAML
import ECDropCore
import Foundation

/// Owns one libyaml parser and a private copy of its input; yields events one at a time.
///
/// libyaml keeps a pointer to the parser inside the parser, so both live in fixed heap memory.
final class LibYAMLParser {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    /// The input bytes; the buffer holds at least one byte even for empty input.
    let input: UnsafeMutableBufferPointer<UInt8>
    let inputCount: Int
    let file: String

    init(_ data: Data, file: String) throws(YAMLError) {
        self.file = file
        inputCount = data.count
        parser = .allocate(capacity: 1)
        input = .allocate(capacity: max(1, data.count))
        _ = input.initialize(from: data)
        guard yaml_parser_initialize(parser) == 1 else {
            parser.deallocate()
            input.deallocate()
            throw YAMLError(.library, "libyaml could not start a parser (out of memory)", at: nil)
        }
        yaml_parser_set_input_string(parser, input.baseAddress, data.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    /// The next event, or the positioned error libyaml reported.
    func next() throws(YAMLError) -> YAMLEvent {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw failure() }
        defer { yaml_event_delete(&event) }
        return YAMLEvent(
            kind: Self.kind(of: event), anchor: Self.anchor(of: event), tag: Self.tag(of: event),
            line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
    }

    private static func kind(of event: yaml_event_t) -> YAMLEvent.Kind {
        switch event.type {
        case YAML_STREAM_START_EVENT: .streamStart
        case YAML_DOCUMENT_START_EVENT: .documentStart
        case YAML_DOCUMENT_END_EVENT: .documentEnd
        case YAML_SEQUENCE_START_EVENT: .sequenceStart
        case YAML_SEQUENCE_END_EVENT: .sequenceEnd
        case YAML_MAPPING_START_EVENT: .mappingStart
        case YAML_MAPPING_END_EVENT: .mappingEnd
        case YAML_ALIAS_EVENT: .alias(text(event.data.alias.anchor) ?? "")
        case YAML_SCALAR_EVENT:
            .scalar(
                text(event.data.scalar.value, length: event.data.scalar.length) ?? "",
                plain: event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
        default: .streamEnd
        }
    }

    private static func anchor(of event: yaml_event_t) -> String? {
        switch event.type {
        case YAML_SCALAR_EVENT: text(event.data.scalar.anchor)
        case YAML_SEQUENCE_START_EVENT: text(event.data.sequence_start.anchor)
        case YAML_MAPPING_START_EVENT: text(event.data.mapping_start.anchor)
        default: nil
        }
    }

    private static func tag(of event: yaml_event_t) -> String? {
        switch event.type {
        case YAML_SCALAR_EVENT: text(event.data.scalar.tag)
        case YAML_SEQUENCE_START_EVENT: text(event.data.sequence_start.tag)
        case YAML_MAPPING_START_EVENT: text(event.data.mapping_start.tag)
        default: nil
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }
}
