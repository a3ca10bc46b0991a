/// Makes any text a valid ECD ImageName: letters, digits, `:`, `_` and `-` only, a letter
/// first, 2 to 128 characters. Other characters become `-`, runs of `-` collapse, and a name
/// that does not start with a letter gets the prefix `img-`.
public enum ImageNameFilter {
    public static let maximumLength = 128

    public static func apply(_ text: String) -> String {
        var name = ""
        for character in text {
            let kept = isAllowed(character) ? character : "-"
            if kept == "-", name.hasSuffix("-") { continue }
            name.append(kept)
        }
        name = String(name.drop { $0 == "-" })
        while name.hasSuffix("-") { name.removeLast() }

        if !(name.first.map(isLetter) ?? false) { name = "img-" + name }
        if name.hasSuffix("-") { name.removeLast() }
        if name.count < 2 { name += "-image" }
        return String(name.prefix(maximumLength))
    }

    static func isAllowed(_ character: Character) -> Bool {
        isLetter(character) || ("0"..."9").contains(character) || character == ":" || character == "_"
            || character == "-"
    }

    static func isLetter(_ character: Character) -> Bool {
        ("a"..."z").contains(character) || ("A"..."Z").contains(character)
    }
}
