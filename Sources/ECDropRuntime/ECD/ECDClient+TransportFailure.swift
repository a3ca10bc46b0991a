import ECDropCore
import Foundation

extension ECDClient {
    /// Maps a network failure to an ECD error: `outcomeUnknown` when the request may have been
    /// carried out (a timeout or reset after it left).
    func transportFailure(
        _ action: String, _ failure: ECDTransportFailure, endpoint: ECDEndpoint, region: String
    ) -> ECDCallError {
        let host = endpoint.baseURL.host ?? endpoint.host
        switch failure.kind {
        case .unknownHost:
            var message = "the host \(host) does not resolve (\(failure.detail))"
            if !endpoint.isOverride {
                message += "; check the region id '\(region)'"
                if !RegionId.knownECDRegions.contains(region), let hint = RegionId.suggestion(for: region) {
                    message += " (did you mean '\(hint)'?)"
                }
            } else {
                message += "; check ecd.endpoint / ECDROP_ECD_ENDPOINT"
            }
            let known = endpoint.isOverride || RegionId.knownECDRegions.contains(region)
            return ECDCallError(
                action: action, disposition: known ? .transient : .permanent, serviceCode: "UnknownHost",
                serviceMessage: message)
        case .tls:
            return ECDCallError(
                action: action, disposition: .permanent, serviceCode: "TLSFailed",
                serviceMessage: "the TLS handshake with \(host) failed (\(failure.detail)); check the system's CA "
                    + "certificates and any proxy that intercepts HTTPS")
        case .cannotConnect:
            return ECDCallError(
                action: action, disposition: .transient, serviceCode: "ConnectionFailed",
                serviceMessage: "could not connect to \(endpoint.baseURL.absoluteString) (\(failure.detail))")
        case .timedOut, .connectionReset, .other:
            var message = "no answer from \(endpoint.baseURL.absoluteString): \(failure.detail)"
            if failure.maybeDelivered && action == "UploadImage" {
                message += "; the upload may have been accepted, look the image up by name before sending again"
            }
            return ECDCallError(
                action: action, disposition: .transient, serviceCode: failure.kind.rawValue,
                serviceMessage: message, outcomeUnknown: failure.maybeDelivered)
        }
    }
}
