import ECDropCore
import Testing

@Suite("Match operators")
struct FieldOperatorTests {
    @Test(
        "each operator decides on the field's value",
        arguments: [
            (FieldOperator.equals("nightly"), "nightly", true), (.equals("nightly"), "Nightly", false),
            (.oneOf(["a", "b"]), "b", true), (.oneOf(["a", "b"]), "c", false),
            (.glob("win11-*"), "win11-pro", true), (.glob("win11-*"), "win10-pro", false),
            (.glob("*.vhd"), "out/a.vhd", true), (.glob("img-?"), "img-1", true), (.glob("img-?"), "img-12", false),
            (.glob("[a-c]x"), "bx", true), (.glob("[!a-c]x"), "bx", false), (.glob("*"), "", true),
            (.regex("^win1[01]-"), "win10-x", true), (.regex("ent$"), "win11-pro", false),
            (.regex("pro"), "win11-pro-n", true),
            (.contains("pro"), "win11-pro", true), (.contains("ent"), "win11-pro", false),
            (.exists(true), "x", true), (.exists(false), "x", false),
            (.compare(.gt, 10, written: "10"), "11", true), (.compare(.gt, 10, written: "10"), "10", false),
            (.compare(.gte, 10, written: "10"), "10", true), (.compare(.lt, 10, written: "10"), "9.5", true),
            (.compare(.lte, 10, written: "10"), "11", false),
            (.compare(.gt, 1_073_741_824, written: "1GiB"), "2147483648", true),
            (.compare(.lt, 1e9, written: "1GB"), "999999999", true),
            (.compare(.gt, 1, written: "1"), "not a number", false),
        ] as [(FieldOperator, String, Bool)])
    func decides(test: FieldOperator, value: String, expected: Bool) {
        #expect(test.holds(for: value) == expected)
    }

    @Test(
        "a missing field fails every operator except exists: false",
        arguments: [
            (FieldOperator.equals(""), false), (.oneOf([""]), false), (.glob("*"), false), (.regex(".*"), false),
            (.contains(""), false), (.compare(.gte, 0, written: "0"), false), (.exists(true), false),
            (.exists(false), true),
        ] as [(FieldOperator, Bool)])
    func missingField(test: FieldOperator, expected: Bool) {
        #expect(test.holds(for: nil) == expected)
    }

    @Test(
        "sizes read with decimal and binary units",
        arguments: [
            ("42", 42.0), ("1.5", 1.5), ("500MB", 5e8), ("20 GiB", 21_474_836_480), ("1KiB", 1024), ("3tb", 3e12),
        ] as [(String, Double)])
    func quantities(text: String, value: Double) {
        #expect(Quantity.parse(text) == value)
    }

    @Test("text that is no quantity is refused", arguments: ["", "GiB", "12 parsecs", "1.2.3"])
    func notQuantities(text: String) {
        #expect(Quantity.parse(text) == nil)
    }
}
