import ECDropCore
import Foundation
import Testing

@Suite("ECD responses, progress and regions")
struct ECDResponseDecoderTests {
    @Test(
        "Progress reads the same whether it says 45%, 45 or a number",
        arguments: [("45%", 45), ("45", 45), (" 100% ", 100), ("45.7%", 45), ("150", 100), ("-3", 0)])
    func progress(text: String, expected: Int) {
        #expect(ImageProgress.parse(text: text) == expected)
    }

    @Test("unreadable Progress is nil, not zero")
    func unreadableProgress() {
        #expect(ImageProgress.parse(text: "") == nil)
        #expect(ImageProgress.parse(text: "about half") == nil)
        #expect(ImageProgress.parse(nil) == nil)
        #expect(ImageProgress.parse(Double.nan) == nil)
        #expect(ImageProgress.parse(60) == 60)
    }

    @Test("a Progress far past Int's range is clamped to 100 or 0, not a crash (a fuzz finding)")
    func hugeProgress() {
        #expect(ImageProgress.parse(text: "666666666666666666666666666666665.5%") == 100)
        #expect(ImageProgress.parse(text: "-1e300") == 0)
        #expect(ImageProgress.parse(1e300) == 100)
        #expect(ImageProgress.parse(text: "inf") == nil)
    }

    @Test("a DescribeImages page keeps the fields ecdrop reads and ignores the rest")
    func describePage() throws {
        let body = Data(
            #"""
            {"RequestId":"R-2","NextToken":"tok","Extra":{"x":1},"Images":[
              {"ImageId":"m-1","Name":"win11-a","Status":"Creating","Progress":"45%","OsType":"Windows",
               "SupportedLanguages":["en-US"],"Size":40},
              {"ImageId":"m-2","Name":"win11-b","Status":"Available","Progress":100},
              {"ImageId":"m-3","Name":"win11-c","Status":"CreateFailed"},
              {"ImageId":"m-4","Name":"x","Status":"Deleting"},
              {"Name":"no id"}]}
            """#.utf8)
        let page = try ECDResponseDecoder.describeImages(body)
        #expect(page.requestId == "R-2")
        #expect(page.nextToken == "tok")
        #expect(page.images.map(\.imageId) == ["m-1", "m-2", "m-3", "m-4"])
        #expect(page.images.map(\.status) == [.creating, .available, .createFailed, .other("Deleting")])
        #expect(page.images.map(\.progress) == [45, 100, nil, nil])
    }

    @Test("an empty NextToken means the last page")
    func lastPage() throws {
        let page = try ECDResponseDecoder.describeImages(Data(#"{"RequestId":"R","NextToken":"","Images":[]}"#.utf8))
        #expect(page.nextToken == nil)
    }

    @Test("an UploadImage answer without ImageId, or not JSON at all, is a BadResponse")
    func badUploadAnswers() {
        #expect(throws: ECDCallError.self) { try ECDResponseDecoder.uploadImage(Data(#"{"RequestId":"R"}"#.utf8)) }
        do {
            _ = try ECDResponseDecoder.uploadImage(Data("<html>hi</html>".utf8))
            Issue.record("an HTML answer was accepted")
        } catch {
            #expect(error.serviceCode == "BadResponse")
            #expect(error.message.contains("<html>hi</html>"))
        }
        let ok = try? ECDResponseDecoder.uploadImage(Data(#"{"RequestId":"R","ImageId":"m-9"}"#.utf8))
        #expect(ok == UploadImageResult(ImageId: "m-9", RequestId: "R"))
    }

    @Test(
        "region ids are checked for shape, with a hint for a near miss", arguments: ["cn-hangzhou", "ap-southeast-1"])
    func validRegions(region: String) throws {
        try RegionId.validate(region)
        #expect(RegionId.endpointHost(for: region) == "ecd.\(region).aliyuncs.com")
    }

    @Test(
        "a malformed region id is refused, naming the value",
        arguments: ["", "cnhangzhou", "CN-Hangzhou", "cn-", "cn_hangzhou", "cn-hang zhou"])
    func invalidRegions(region: String) {
        do {
            try RegionId.validate(region)
            Issue.record("'\(region)' was accepted")
        } catch {
            #expect(error.code == "ecd.invalid_region")
            #expect(error.message.contains("'\(region)'"))
        }
        #expect(RegionId.suggestion(for: "cn-hangzou") == "cn-hangzhou")
    }

    @Test("x-acs-date format round-trips, and other forms are refused")
    func dates() {
        let date = Date(timeIntervalSince1970: 1_736_929_800)
        #expect(ACSDate.format(date) == "2025-01-15T08:30:00Z")
        #expect(ACSDate.parse("2025-01-15T08:30:00Z") == date)
        #expect(ACSDate.parse("2025-01-15 08:30:00") == nil)
        #expect(ACSDate.parse("2025-13-15T08:30:00Z") == nil)
    }
}
