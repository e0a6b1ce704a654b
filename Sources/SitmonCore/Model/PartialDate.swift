/// How precisely a date is known.
public enum DatePrecision: UInt8, Sendable, Hashable, Comparable {
    case year = 0, month = 1, day = 2
    public static func < (lhs: DatePrecision, rhs: DatePrecision) -> Bool { lhs.rawValue < rhs.rawValue }
    public var name: String { ["year", "month", "day"][Int(rawValue)] }
}

/// A calendar date known to the year, month or day. Stored as days since 1970-01-01 of its first day.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 of the first day the date covers.
    public var day: Int32
    public var precision: DatePrecision

    public init(day: Int32, precision: DatePrecision) {
        self.day = day
        self.precision = precision
    }

    /// A date from its parts; nil when the date does not exist.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard year >= 1, year <= 9999 else { return nil }
        if let month {
            guard month >= 1, month <= 12 else { return nil }
            if let day {
                guard day >= 1, day <= PartialDate.daysInMonth(year: year, month: month) else { return nil }
                self.init(day: Int32(PartialDate.daysFromCivil(year: year, month: month, day: day)), precision: .day)
            } else {
                self.init(day: Int32(PartialDate.daysFromCivil(year: year, month: month, day: 1)), precision: .month)
            }
        } else {
            guard day == nil else { return nil }
            self.init(day: Int32(PartialDate.daysFromCivil(year: year, month: 1, day: 1)), precision: .year)
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init?(iso text: String) {
        var utf8 = Array(text.utf8)
        guard let value = utf8.withUnsafeMutableBufferPointer({ PartialDate.parse(UnsafeBufferPointer($0)) }) else {
            return nil
        }
        self = value
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from bytes.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> PartialDate? {
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for i in from..<(from + count) {
                let c = bytes[i]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            return value
        }
        switch bytes.count {
        case 4:
            guard let y = digits(0, 4) else { return nil }
            return PartialDate(year: y)
        case 7:
            guard bytes[4] == 0x2D, let y = digits(0, 4), let m = digits(5, 2) else { return nil }
            return PartialDate(year: y, month: m)
        case 10:
            guard bytes[4] == 0x2D, bytes[7] == 0x2D, let y = digits(0, 4), let m = digits(5, 2),
                let d = digits(8, 2)
            else { return nil }
            return PartialDate(year: y, month: m, day: d)
        default:
            return nil
        }
    }

    /// The last day the date covers (the end of its month or year for coarse dates).
    public var lastDay: Int32 {
        switch precision {
        case .day: return day
        case .month:
            let (y, m, _) = PartialDate.civil(fromDays: Int(day))
            return day + Int32(PartialDate.daysInMonth(year: y, month: m)) - 1
        case .year:
            let (y, _, _) = PartialDate.civil(fromDays: Int(day))
            return Int32(PartialDate.daysFromCivil(year: y + 1, month: 1, day: 1)) - 1
        }
    }

    public var year: Int { PartialDate.civil(fromDays: Int(day)).year }
    public var month: Int { PartialDate.civil(fromDays: Int(day)).month }

    /// The ISO form at its own precision: `2012`, `2012-03`, `2012-03-22`.
    public var description: String {
        let (y, m, d) = PartialDate.civil(fromDays: Int(day))
        let year = String(y).leftPadded(4)
        switch precision {
        case .year: return year
        case .month: return "\(year)-\(String(m).leftPadded(2))"
        case .day: return "\(year)-\(String(m).leftPadded(2))-\(String(d).leftPadded(2))"
        }
    }

    /// A readable form: `22 Mar 2012`, `Mar 2012`, `2012`.
    public var readable: String {
        let (y, m, d) = PartialDate.civil(fromDays: Int(day))
        let name = PartialDate.monthNames[m - 1]
        switch precision {
        case .year: return String(y)
        case .month: return "\(name) \(y)"
        case .day: return "\(d) \(name) \(y)"
        }
    }

    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        lhs.day != rhs.day ? lhs.day < rhs.day : lhs.precision < rhs.precision
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day number.
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
