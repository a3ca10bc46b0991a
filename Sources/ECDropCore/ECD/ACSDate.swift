import Foundation

/// The `x-acs-date` form: `2025-01-15T08:30:00Z`, UTC, whole seconds.
public enum ACSDate {
    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!,
            parts.minute!, parts.second!)
    }

    /// Parses `yyyy-MM-ddTHH:mm:ssZ` (also the form STS and the metadata service use for
    /// `Expiration`); nil when the text is in another form.
    public static func parse(_ text: String) -> Date? {
        let fields = text.split(whereSeparator: { "-T:Z".contains($0) }).compactMap { Int($0) }
        guard text.hasSuffix("Z"), text.count == 20, fields.count == 6 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(
            year: fields[0], month: fields[1], day: fields[2], hour: fields[3], minute: fields[4], second: fields[5])
        guard (1...12).contains(fields[1]), (1...31).contains(fields[2]), fields[3] < 24, fields[4] < 60,
            fields[5] < 61
        else { return nil }
        return calendar.date(from: components)
    }
}
