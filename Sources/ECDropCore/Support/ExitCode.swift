/// Process exit statuses, sysexits-style where sysexits has a word for it.
///
/// | code | meaning |
/// | ---: | --- |
/// | 0 | success: everything asked for was done (every job available) |
/// | 1 | at least one job failed (import failed, rejected, deadline passed) |
/// | 2 | the manifest was valid but no rule matched any build |
/// | 64 | usage: unknown command or option, wrong arguments |
/// | 65 | data error: a manifest or other input is invalid |
/// | 66 | an input file does not exist or cannot be read |
/// | 69 | service unavailable: the ECD endpoint or a required library is unreachable |
/// | 70 | internal software error |
/// | 73 | an output file or folder cannot be created |
/// | 74 | input/output error |
/// | 75 | temporary failure: try again later (throttled, timed out, journal busy) |
/// | 77 | permission denied: credentials refused |
/// | 78 | configuration error: config file or rules are invalid |
public enum ExitCode: Int32, Sendable, CaseIterable {
    case success = 0
    case jobsFailed = 1
    case noMatchingRule = 2
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case software = 70
    case cantCreate = 73
    case ioError = 74
    case temporaryFailure = 75
    case permissionDenied = 77
    case config = 78
}
