/// Coordinates as exports write them (`-10.2827`, `17`), read from their bytes with exactly the value
/// `Double(String)` gives, without making strings: at most 15 digits and 22 decimals, so that the digits are an
/// integer a `Double` holds exactly and the power of ten is exact too, and one division (correctly rounded, as the
/// C library's conversion is) gives the nearest `Double`. Anything else (an exponent, a `+`, a comma, spaces, more
/// digits) is nil, and the caller reads the text as before (`ImportBuilder.coordinates`).
enum PlainDecimal {
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { value, _ in value * 10 } }

    /// The value of `text` when it is `-?digits(.digits)?`, with the limits above; else nil.
    static func value(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = text.count
        guard n > 0, n <= 40 else { return nil }
        var i = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, decimals = 0, digitsBeforePoint = 0
        var point = false
        while i < n {
            let c = text[i]
            if c >= 0x30 && c <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                digits += 1
                if point { decimals += 1 } else { digitsBeforePoint += 1 }
            } else if c == UInt8(ascii: ".") && !point {
                point = true
            } else {
                return nil
            }
            i += 1
        }
        guard digitsBeforePoint > 0, !point || decimals > 0, digits <= 15, decimals <= 22 else { return nil }
        let value = Double(mantissa) / powersOfTen[decimals]
        return negative ? -value : value
    }
}
