/// A value that must never be printed: AccessKey secrets, STS tokens, webhook secrets.
///
/// Its description, debug description and Codable form are all `***`; read the value
/// only where it is used (signing, HMAC), through `revealed`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable, Encodable
{
    public let revealed: String

    public init(_ value: String) { self.revealed = value }

    public var description: String { "***" }
    public var debugDescription: String { "***" }
    public var isEmpty: Bool { revealed.isEmpty }
    /// No children, so `dump` and debuggers' reflection show `***` only.
    public var customMirror: Mirror { Mirror(self, children: []) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode("***")
    }
}
