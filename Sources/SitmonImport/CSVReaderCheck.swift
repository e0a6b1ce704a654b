/// The property the CSV fuzz target checks (`Fuzz/`, target `csvreader`): the importers' byte-level reader, on
/// one thread and split on two, reads a text exactly as CSV.swift's `CSVReader` does.
public enum CSVReaderCheck {
    /// A description of the first row where the readers differ, or nil when they agree on every row.
    public static func difference(_ bytes: [UInt8]) -> String? {
        let input = CSVInput(bytes: bytes)
        var reference = CSVSwiftRows(text: input.text, delimiter: input.delimiter)
        var one = input.rows(splitMinimum: .max)
        var two = input.rows(splitMinimum: 2)
        var n = 0
        while true {
            n += 1
            let r = reference.next(), a = one.next(), b = two.next()
            if r == nil && a == nil && b == nil { return nil }
            for (name, row) in [("one thread", a), ("two threads", b)] where !same(r, row) {
                return "row \(n): CSV.swift read \(describe(r)), the byte reader (\(name)) \(describe(row))"
            }
        }
    }

    static func same(_ x: CSVRow?, _ y: CSVRow?) -> Bool {
        guard let x, let y else { return x == nil && y == nil }
        return x.fields == y.fields && x.line == y.line && x.lineCount == y.lineCount && x.number == y.number
    }

    static func describe(_ row: CSVRow?) -> String {
        guard let row else { return "nothing" }
        return "line \(row.line)+\(row.lineCount) \(row.fields.debugDescription)"
    }
}
