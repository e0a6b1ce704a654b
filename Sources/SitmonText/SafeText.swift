/// The one policy for untrusted text that may reach a terminal, a spreadsheet or a document: which scalars are
/// controls, and the visible symbol each one is shown as. The monitor (`TerminalText`), every message of the CLI
/// and the CSV and Markdown exports use it, so that `ESC` is `␛` everywhere.
public enum SafeText {
    /// True for the scalars that are never written raw: C0 controls (U+0000–U+001F), DEL, C1 controls
    /// (U+0080–U+009F) and the bidirectional controls (embeddings, overrides, isolates, marks).
    @inlinable
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || v == 0x7F { return true }
        if v < 0xA0 { return v >= 0x80 }
        return isBidiControl(v)
    }

    /// The bidirectional formatting controls: U+202A–202E (embeddings and overrides), U+2066–2069 (isolates),
    /// U+200E/U+200F and U+061C (marks).
    @inlinable
    public static func isBidiControl(_ v: UInt32) -> Bool {
        (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Scalars a reader cannot see that can hide or reorder text in a document: the Tag characters
    /// (U+E0000–U+E007F, "ASCII smuggling"), the line and paragraph separators U+2028/U+2029 and the byte order
    /// mark U+FEFF.
    @inlinable
    public static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v >= 0xE0000 && v <= 0xE007F) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
    }

    /// The visible symbol of a control: a C0 control is its Unicode control picture (`ESC` → `␛`, `BEL` → `␇`),
    /// DEL is `␡`, a C1 or bidi control is `�`. Any other scalar is returned as it is.
    @inlinable
    public static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v < 0x20 { return Unicode.Scalar(0x2400 + v) ?? "\u{FFFD}" }
        if v == 0x7F { return "\u{2421}" }
        return isControl(scalar) ? "\u{FFFD}" : scalar
    }

    /// `text` with every control shown as its visible symbol, except the scalars in `kept` (such as tab and
    /// newline in a CSV cell). Returns `text` itself when there is nothing to replace.
    public static func visible(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !kept.contains($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(kept.contains(scalar) ? scalar : visible(scalar))
        }
        return String(result)
    }
}
