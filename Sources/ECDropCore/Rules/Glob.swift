/// Shell-style patterns: `*` any run of characters (slashes too), `?` one character,
/// `[abc]`, `[a-z]` and `[!a-z]` one character of (or not of) a set. Matches the whole value.
enum Glob {
    static func matches(_ value: String, pattern: String) -> Bool {
        matches(Array(value), Array(pattern))
    }

    /// Nil when the pattern is well formed; otherwise why not.
    static func problem(with pattern: String) -> String? {
        var open = false
        for character in pattern where character == "[" || character == "]" {
            open = character == "["
        }
        return open ? "a '[' set is not closed with ']'" : nil
    }

    private static func matches(_ value: [Character], _ pattern: [Character]) -> Bool {
        var v = 0
        var p = 0
        var star: (pattern: Int, value: Int)?
        while v < value.count {
            if p < pattern.count, pattern[p] == "*" {
                star = (p, v)
                p += 1
            } else if p < pattern.count, let next = step(pattern, p, value[v]) {
                p = next
                v += 1
            } else if let backtrack = star {
                star = (backtrack.pattern, backtrack.value + 1)
                p = backtrack.pattern + 1
                v = backtrack.value + 1
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// The pattern index after matching `character` at `index`, or nil when it does not match.
    private static func step(_ pattern: [Character], _ index: Int, _ character: Character) -> Int? {
        switch pattern[index] {
        case "?": return index + 1
        case "[":
            guard let close = pattern[(index + 1)...].firstIndex(of: "]") else {
                return character == "[" ? index + 1 : nil
            }
            var set = Array(pattern[(index + 1)..<close])
            let negated = set.first == "!"
            if negated { set.removeFirst() }
            return inSet(character, set) != negated ? close + 1 : nil
        default:
            return pattern[index] == character ? index + 1 : nil
        }
    }

    private static func inSet(_ character: Character, _ set: [Character]) -> Bool {
        var i = 0
        while i < set.count {
            if i + 2 < set.count, set[i + 1] == "-" {
                if set[i] <= character && character <= set[i + 2] { return true }
                i += 3
            } else {
                if set[i] == character { return true }
                i += 1
            }
        }
        return false
    }
}
