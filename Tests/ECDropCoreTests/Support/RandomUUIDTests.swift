import ECDropCore
import Foundation
import Testing

@Suite("Random UUIDs")
struct RandomUUIDTests {
    @Test("random UUIDs are version 4, RFC 4122 variant, and differ from each other")
    func versionFour() {
        let ids = (0..<1000).map { _ in UUID.random() }
        #expect(Set(ids).count == 1000)
        for id in ids {
            let text = id.uuidString
            let characters = Array(text)
            #expect(characters[14] == "4", "\(text) is not version 4")
            #expect("89AB".contains(characters[19]), "\(text) is not the RFC 4122 variant")
            #expect(UUID(uuidString: text) == id)
        }
    }
}
