import SitmonCore

/// Dates as conflict-data exports write them. ACLED's codebook says ISO `2021-05-24`; exports that went through a
/// spreadsheet also carry `24 May 2021`, `24-May-21`, `24/05/2021` (day/month/year) and `2021/05/24`. UCDP writes
/// `2021-05-24` or `2021-05-24 00:00:00.000`. A time after the date (space or `T`) is ignored.
public enum ImportDate {
    /// The forms accepted, for messages.
    public static let accepted = "2021-05-24, 24 May 2021, 24-May-21, 24/05/2021 or 2021/05/24"

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
        "oct": 10, "nov": 11, "dec": 12,
        "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        // French spellings, seen in exports from francophone spreadsheets.
        "janv": 1, "janvier": 1, "fevr": 2, "fev": 2, "fevrier": 2, "mars": 3, "avr": 4, "avril": 4, "mai": 5,
        "juin": 6, "juil": 7, "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
        "decembre": 12,
    ]

    /// The day a text names, or nil when it is not one of the accepted forms or not a real date.
    public static func parse(_ raw: String) -> PartialDate? {
        if let date = iso(raw) { return date }
        var text = Substring(raw.trimmingSpaces)
        // Drop a time: `2021-05-24 00:00:00.000`, `2021-05-24T12:00:00Z`.
        if let cut = text.firstIndex(where: { $0 == "T" || $0 == " " }), text.first?.isNumber == true,
            text[text.startIndex..<cut].contains(where: { $0 == "-" || $0 == "/" }),
            text[text.index(after: cut)...].first?.isNumber == true,
            text[text.index(after: cut)...].contains(":")
        {
            text = text[..<cut]
        }
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == " " || $0 == "." || $0 == "," })
        guard parts.count == 3 else { return nil }
        let a = String(parts[0]), b = String(parts[1]), c = String(parts[2])
        if a.count == 4, let y = number(a) {
            // 2021-05-24, 2021/05/24
            guard let m = number(b), let d = number(c) else { return nil }
            return PartialDate(year: y, month: m, day: d)
        }
        guard let d = number(a), let y = year(c) else {
            // May 24 2021 (a month name first)
            if let m = monthNumber(a), let d = number(b), let y = year(c) {
                return PartialDate(year: y, month: m, day: d)
            }
            return nil
        }
        if let m = number(b) {
            return PartialDate(year: y, month: m, day: d)  // 24/05/2021: day/month/year
        }
        guard let m = monthNumber(b) else { return nil }
        return PartialDate(year: y, month: m, day: d)  // 24 May 2021, 24-May-21
    }

    /// `2021-05-24`, alone or followed by a time (ACLED's and UCDP's own forms), without splitting the text.
    static func iso(_ text: String) -> PartialDate? {
        var copy = text
        return copy.withUTF8 { iso($0) }
    }

    /// `iso` of a cell's UTF-8 bytes (the import fast path reads the date from the file's bytes).
    static func iso(_ b: UnsafeBufferPointer<UInt8>) -> PartialDate? {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        if b.count > 10 {
            // `2021-05-24 00:00:00.000` (UCDP), `2021-05-24T12:00:00Z`: a time, dropped as `parse` drops it.
            guard b.count > 11, b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"),
                b[11] &- UInt8(ascii: "0") <= 9, b[11...].contains(UInt8(ascii: ":"))
            else { return nil }
        }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let d = b[i] &- UInt8(ascii: "0")
                guard d <= 9 else { return nil }
                value = value * 10 + Int(d)
            }
            return value
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
        return PartialDate(year: y, month: m, day: d)
    }

    static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// A four-digit year, or a two-digit one (`21` → 2021, `97` → 1997: ACLED starts in 1997).
    static func year(_ text: String) -> Int? {
        guard let y = number(text) else { return nil }
        switch text.count {
        case 4: return y
        case 2: return y < 70 ? 2000 + y : 1900 + y
        default: return nil
        }
    }

    static func monthNumber(_ text: String) -> Int? {
        months[ImportText.key(text)]
    }
}
