import Foundation

/// Numbers as rules compare them: plain (`42`, `1.5`) or sizes with a unit (`500MB`, `20 GiB`).
/// Decimal units count in thousands, binary ones (`KiB`, `MiB`, `GiB`, `TiB`) in 1024s.
public enum Quantity {
    static let units: [String: Double] = [
        "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
        "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
    ]

    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unitStart = trimmed.firstIndex { $0.isLetter } ?? trimmed.endIndex
        let digits = trimmed[..<unitStart].trimmingCharacters(in: .whitespaces)
        guard let number = Double(digits), number.isFinite else { return nil }
        let unit = trimmed[unitStart...].lowercased()
        if unit.isEmpty { return number }
        return units[unit].map { number * $0 }
    }
}
