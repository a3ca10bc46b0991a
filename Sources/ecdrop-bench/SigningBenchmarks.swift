import ECDropCore
import ECDropCrypto
import Foundation

/// Signing as the agent does it: the intake webhook's HMAC over timestamp and a 1 KiB body
/// (checked on every POST, made on every report), and a whole signed ECD UploadImage call.
enum SigningBenchmarks {
    static let body = Data((0..<1024).map { UInt8(ascii: "a") + UInt8($0 % 26) })

    static var all: [BenchmarkCase] {
        [webhookSignature, uploadImageSignature]
    }

    static let webhookSignature = BenchmarkCase(name: "webhook.sign", unit: "signatures") {
        let signer = WebhookSignature(digests: OpenSSLDigests())
        let secret = Secret("bench-webhook-secret-0123456789")
        let body = Self.body
        return {
            signer.sign(timestamp: 1_767_225_600, body: body, secret: secret).utf8.count
        }
    }

    static let uploadImageSignature = BenchmarkCase(name: "ecd.sign_upload_image", unit: "signed requests") {
        let builder = ACSRequestBuilder(
            host: "ecd.cn-hangzhou.aliyuncs.com", digests: OpenSSLDigests(), userAgent: "ecdrop-bench",
            credentialsProvider: "static_ak")
        let credentials = ACSCredentials(
            accessKeyId: "LTAI5tBenchKeyId0001", accessKeySecret: Secret("bench-access-key-secret"),
            source: "bench")
        var parameters = ACSParameters()
        parameters.add("RegionId", "cn-hangzhou")
        parameters.add("OssObjectPath", "https://builds.oss-cn-hangzhou.aliyuncs.com/win11/2026-01-01.vhd")
        parameters.add("ImageName", "win11-golden-20260101-0001")
        parameters.add("Description", "Windows 11 23H2 nightly golden image")
        parameters.add("OsType", "Windows")
        parameters.add("GpuCategory", false)
        parameters.add("DataDiskSize", 80)
        parameters.add("LicenseType", "BYOL")
        let date = Date(timeIntervalSince1970: 1_767_225_600)
        let frozen = parameters
        return {
            builder.build(
                action: "UploadImage", parameters: frozen, credentials: credentials, date: date,
                nonce: "0123456789abcdef0123456789abcdef"
            ).signature.signature.utf8.count
        }
    }
}
