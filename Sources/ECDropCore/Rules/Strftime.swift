import Foundation

/// The strftime directives the `date` filter understands, always in UTC and in English, so a
/// rendered name never depends on the machine's locale or time zone.
public enum Strftime {
    public static let directives: Set<Character> = [
        "Y", "y", "m", "d", "e", "H", "M", "S", "j", "F", "T", "s", "b", "B", "a", "A", "u", "%",
    ]

    /// Nil when every `%x` in `format` is known; otherwise the first unknown directive.
    public static func unknownDirective(in format: String) -> String? {
        var characters = format.makeIterator()
        while let character = characters.next() {
            guard character == "%" else { continue }
            guard let directive = characters.next() else { return "%" }
            if !directives.contains(directive) { return "%\(directive)" }
        }
        return nil
    }

    public static func format(_ date: Date, _ format: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        var output = ""
        var characters = format.makeIterator()
        while let character = characters.next() {
            guard character == "%", let directive = characters.next() else {
                output.append(character)
                continue
            }
            output += expand(directive, parts, date: date, calendar: calendar)
        }
        return output
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    private static func expand(
        _ directive: Character, _ parts: DateComponents, date: Date, calendar: Calendar
    )
        -> String
    {
        let year = parts.year ?? 0
        let month = parts.month ?? 1
        let weekday = parts.weekday ?? 1
        switch directive {
        case "Y": return String(year)
        case "y": return pad(year % 100)
        case "m": return pad(month)
        case "d": return pad(parts.day ?? 1)
        case "e": return String(parts.day ?? 1)
        case "H": return pad(parts.hour ?? 0)
        case "M": return pad(parts.minute ?? 0)
        case "S": return pad(parts.second ?? 0)
        case "j": return pad(calendar.ordinality(of: .day, in: .year, for: date) ?? 1, width: 3)
        case "F": return "\(year)-\(pad(month))-\(pad(parts.day ?? 1))"
        case "T": return "\(pad(parts.hour ?? 0)):\(pad(parts.minute ?? 0)):\(pad(parts.second ?? 0))"
        case "s": return String(Int64(date.timeIntervalSince1970.rounded(.down)))
        case "b": return String(months[month - 1].prefix(3))
        case "B": return months[month - 1]
        case "a": return String(weekdays[weekday - 1].prefix(3))
        case "A": return weekdays[weekday - 1]
        case "u": return String(weekday == 1 ? 7 : weekday - 1)
        default: return "%"
        }
    }

    private static func pad(_ number: Int, width: Int = 2) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
