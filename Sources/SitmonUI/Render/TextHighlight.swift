import SitmonCore
import SitmonScreen

/// Where a folded search needle occurs in displayed text, in terminal columns: "goita" lights "Goïta" in
/// "Goïta's CNSP". Text is folded a character at a time (as `TextFolding` folds it), so each match maps back to
/// the characters, and so to the columns, it came from.
enum TextHighlight {
    /// The column ranges of the non-overlapping occurrences of `needle` in `text`, left to right.
    static func columns(of needle: [UInt8], in text: String) -> [(start: Int, width: Int)] {
        guard !needle.isEmpty, !text.isEmpty else { return [] }
        var folded: [UInt8] = []
        var owner: [Int] = []  // the character each folded byte comes from
        var columns: [Int] = [0]  // the column where each character starts (and one past the last)
        for (k, character) in text.enumerated() {
            let bytes = TextFolding.fold(String(character))
            folded += bytes
            owner += repeatElement(k, count: bytes.count)
            columns.append(columns[k] + TerminalText.width(of: String(character)))
        }
        var result: [(start: Int, width: Int)] = []
        var i = 0
        let m = needle.count
        while i + m <= folded.count {
            if folded[i] == needle[0] && Array(folded[i..<(i + m)]) == needle {
                let first = owner[i], last = owner[i + m - 1]
                result.append((columns[first], columns[last + 1] - columns[first]))
                i += m
            } else {
                i += 1
            }
        }
        return result
    }
}
