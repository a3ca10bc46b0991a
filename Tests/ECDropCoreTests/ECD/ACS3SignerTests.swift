import ECDropCore
import ECDropCrypto
import Foundation
import Testing

/// Vectors produced by the official Python SDK: the shared reference file and ecdrop's own.
let acs3Vectors =
    (SignatureVector.load("ecd-signature-vectors") + SignatureVector.load("ecd-sdk-vectors"))
    .filter { $0.scheme == "ACS3-HMAC-SHA256" }
let v1Vectors = SignatureVector.load("ecd-signature-vectors").filter { $0.scheme.hasPrefix("HMAC-SHA1") }

@Suite("ACS3-HMAC-SHA256 signer")
struct ACS3SignerTests {
    let signer = ACS3Signer(digests: OpenSSLDigests())

    @Test("the vector files are present and hold both the shared and the SDK-generated vectors")
    func vectorsLoaded() {
        #expect(acs3Vectors.count >= 3)
        #expect(acs3Vectors.contains { $0.id == "v3-upload-special-chars-sts" })
    }

    @Test("every intermediate string and the Authorization match the SDK's", arguments: acs3Vectors)
    func reproducesVector(_ vector: SignatureVector) throws {
        let headers = vector.headers.filter { $0.name != "Authorization" }
        let result = signer.sign(
            method: "POST", path: "/", query: vector.decodedQuery, headers: headers,
            payloadHash: try #require(vector.expected["hashed_request_payload"]),
            accessKeyId: try #require(vector.input("access_key_id")),
            secret: Secret(try #require(vector.input("access_key_secret"))))
        #expect(result.canonicalQuery == vector.expected["canonical_query_string"])
        #expect(result.canonicalHeaders == vector.expected["canonical_headers"])
        #expect(result.signedHeaders == vector.expected["signed_headers"])
        #expect(result.canonicalRequest == vector.expected["canonical_request"])
        #expect(result.stringToSign == vector.expected["string_to_sign"])
        #expect(result.signature == vector.expected["signature"])
        #expect(result.authorization == vector.expected["authorization"])
    }

    @Test(
        "the request builder turns the SDK's typed request into the SDK's exact headers",
        arguments: acs3Vectors.filter { $0.input("user_agent") != nil })
    func builderReproducesVector(_ vector: SignatureVector) throws {
        let action = try #require(vector.input("action"))
        let parameters = try #require(VectorRequests.parameters(action: action, vector.sdkRequest))
        let token = vector.input("security_token").map(Secret.init)
        let credentials = ACSCredentials(
            accessKeyId: try #require(vector.input("access_key_id")),
            accessKeySecret: Secret(try #require(vector.input("access_key_secret"))), securityToken: token,
            source: "test")
        let builder = ACSRequestBuilder(
            host: try #require(vector.input("host")), digests: OpenSSLDigests(), userAgent: vector.input("user_agent"),
            credentialsProvider: vector.headers.first { $0.name == "x-acs-credentials-provider" }?.value)
        let dateText = try #require(vector.input("x-acs-date"))
        let date = try #require(ACSDate.parse(dateText))
        let request = builder.build(
            action: action, parameters: parameters, credentials: credentials, date: date,
            nonce: try #require(vector.input("x-acs-signature-nonce")))
        #expect(request.headers.map(\.name) == vector.headers.map(\.name))
        #expect(request.headers.map(\.value) == vector.headers.map(\.value))
        let sentPairs = try #require(ACSPercentEncoding.parseQuery(request.query))
        #expect(Dictionary(uniqueKeysWithValues: sentPairs) == Dictionary(uniqueKeysWithValues: vector.decodedQuery))
    }

    @Test("a value with +, &, =, # and % survives the wire encoding and signs like its decoded form")
    func specialCharactersOnTheWire() throws {
        var parameters = ACSParameters()
        parameters.add("Description", "a+b&c=d#e%f g")
        parameters.add("RegionId", "cn-hangzhou")
        #expect(parameters.wireQuery == "Description=a%2Bb%26c%3Dd%23e%25f%20g&RegionId=cn-hangzhou")
        let decoded = try #require(ACSPercentEncoding.parseQuery(parameters.wireQuery))
        #expect(decoded.map(\.value) == ["a+b&c=d#e%f g", "cn-hangzhou"])
    }

    @Test("a new nonce or date gives a new signature")
    func nonceChangesSignature() throws {
        let builder = ACSRequestBuilder(host: "ecd.cn-hangzhou.aliyuncs.com", digests: OpenSSLDigests())
        let credentials = ACSCredentials(accessKeyId: "id", accessKeySecret: Secret("s"), source: "test")
        let query = DescribeImagesQuery(RegionId: "cn-hangzhou").parameters()
        let date = Date(timeIntervalSince1970: 1_736_929_800)
        let first = builder.build(
            action: "DescribeImages", parameters: query, credentials: credentials, date: date, nonce: "a")
        let second = builder.build(
            action: "DescribeImages", parameters: query, credentials: credentials, date: date, nonce: "b")
        let later = builder.build(
            action: "DescribeImages", parameters: query, credentials: credentials, date: date + 1, nonce: "a")
        #expect(first.signature.signature != second.signature.signature)
        #expect(first.signature.signature != later.signature.signature)
        #expect(first.header("x-acs-date") == "2025-01-15T08:30:00Z")
    }

    @Test("an Authorization header is read back into id, signed headers and signature")
    func parsesAuthorization() throws {
        let parsed = try #require(
            ACS3Signer.parseAuthorization("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=ab"))
        #expect(parsed.accessKeyId == "AK")
        #expect(parsed.signedHeaders == ["host", "x-acs-date"])
        #expect(parsed.signature == "ab")
        #expect(ACS3Signer.parseAuthorization("ACS3-HMAC-SHA256 Credential=AK") == nil)
        #expect(ACS3Signer.parseAuthorization("HMAC-SHA1 Credential=AK,SignedHeaders=h,Signature=x") == nil)
    }
}

@Suite("RPC V1 (HMAC-SHA1) signer")
struct ACS1SignerTests {
    @Test("the string to sign and the signature match the SDK's", arguments: v1Vectors)
    func reproducesVector(_ vector: SignatureVector) throws {
        let signer = ACS1Signer(digests: OpenSSLDigests())
        let result = signer.sign(
            method: "POST", parameters: vector.decodedQuery,
            secret: Secret(try #require(vector.input("access_key_secret"))))
        #expect(result.canonicalizedQuery == vector.expected["canonicalized_query_string_percent_encoded_once"])
        #expect(result.stringToSign == vector.expected["string_to_sign"])
        #expect(result.signature == vector.expected["signature"])
    }

    @Test("the common parameters carry the STS token only when there is one")
    func commonParameters() {
        let date = Date(timeIntervalSince1970: 0)
        let plain = ACS1Signer.commonParameters(
            action: "AssumeRole", version: "2015-04-01", timestamp: date, nonce: "n", accessKeyId: "AK",
            securityToken: nil)
        let sts = ACS1Signer.commonParameters(
            action: "AssumeRole", version: "2015-04-01", timestamp: date, nonce: "n", accessKeyId: "AK",
            securityToken: Secret("tok"))
        #expect(!plain.contains { $0.name == "SecurityToken" })
        #expect(sts.first { $0.name == "SecurityToken" }?.value == "tok")
        #expect(plain.first { $0.name == "Timestamp" }?.value == "1970-01-01T00:00:00Z")
    }
}

/// Turns a vector's `sdk_request` into ecdrop's typed request, with the Python SDK's booleans.
enum VectorRequests {
    static func parameters(action: String, _ json: [String: Any]) -> ACSParameters? {
        switch action {
        case "UploadImage": upload(json)?.parameters(booleans: .python)
        case "DescribeImages": describe(json)?.parameters(booleans: .python)
        case "DeleteImages":
            (json["RegionId"] as? String).map {
                DeleteImagesRequest(
                    RegionId: $0, ImageId: json["ImageId"] as? [String] ?? [],
                    DeleteCascadedBundle: json["DeleteCascadedBundle"] as? Bool
                ).parameters(booleans: .python)
            }
        default: nil
        }
    }

    static func upload(_ json: [String: Any]) -> UploadImageRequest? {
        guard let region = json["RegionId"] as? String, let path = json["OssObjectPath"] as? String,
            let name = json["ImageName"] as? String
        else { return nil }
        var request = UploadImageRequest(RegionId: region, OssObjectPath: path, ImageName: name)
        request.Description = json["Description"] as? String
        request.OsType = json["OsType"] as? String
        request.GpuCategory = json["GpuCategory"] as? Bool ?? false
        request.ProtocolType = json["ProtocolType"] as? String
        request.DataDiskSize = json["DataDiskSize"] as? Int
        request.GpuDriverType = json["GpuDriverType"] as? String
        request.LicenseType = json["LicenseType"] as? String
        request.EnableSecurityCheck = json["EnableSecurityCheck"] as? Bool
        request.SystemDiskSize = json["SystemDiskSize"] as? String
        request.BootMode = json["BootMode"] as? String
        return request
    }

    static func describe(_ json: [String: Any]) -> DescribeImagesQuery? {
        guard let region = json["RegionId"] as? String else { return nil }
        return DescribeImagesQuery(
            RegionId: region, ImageId: json["ImageId"] as? [String] ?? [], ImageName: json["ImageName"] as? String,
            ImageStatus: json["ImageStatus"] as? String, ImageType: json["ImageType"] as? String,
            MaxResults: json["MaxResults"] as? Int, NextToken: json["NextToken"] as? String)
    }
}

@Suite("Query flattening")
struct ACSParametersTests {
    @Test("ecdrop sends booleans as true/false; the Python spelling is there only to reproduce its vectors")
    func booleans() {
        let request = UploadImageRequest(
            RegionId: "cn-hangzhou", OssObjectPath: "oss://b/o", ImageName: "win11", EnableSecurityCheck: true)
        #expect(request.parameters()["GpuCategory"] == "false")
        #expect(request.parameters()["EnableSecurityCheck"] == "true")
        #expect(request.parameters(booleans: .python)["GpuCategory"] == "False")
        #expect(request.parameters()["Description"] == nil)
    }

    @Test("lists become Name.1, Name.2 and absent fields are left out")
    func lists() {
        let delete = DeleteImagesRequest(RegionId: "cn-hangzhou", ImageId: ["m-1", "m-2"])
        #expect(delete.parameters().pairs.map(\.name) == ["ImageId.1", "ImageId.2", "RegionId"])
        let describe = DescribeImagesQuery(RegionId: "cn-hangzhou", MaxResults: 5, NextToken: "a+b")
        #expect(describe.parameters().wireQuery == "MaxResults=5&NextToken=a%2Bb&RegionId=cn-hangzhou")
    }
}
