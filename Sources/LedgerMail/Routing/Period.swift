import Foundation

/// A bookkeeping period: a quarter (`2026-Q3`), a month (`2026-09`), or everything up to a day
/// (`--until 2026-09-30`). A document belongs to it by its issue date, or its import date
/// when it has none.
public struct Period: Sendable, Equatable, CustomStringConvertible {
    /// First and last day, inclusive, as `YYYY-MM-DD` (so they compare as text).
    public let firstDay: String?
    public let lastDay: String
    public let description: String

    public init(parsing text: String) throws(InvalidInput) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = trimmed.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), (2000...2999).contains(year) else {
            throw InvalidInput("period '\(text.singleLine)' must look like 2026-Q3 or 2026-09")
        }
        let months: ClosedRange<Int>
        if parts[1].hasPrefix("Q"), let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) {
            months = (quarter * 3 - 2)...(quarter * 3)
        } else if let month = Int(parts[1]), (1...12).contains(month), parts[1].count == 2 {
            months = month...month
        } else {
            throw InvalidInput("period '\(text.singleLine)' must look like 2026-Q3 or 2026-09")
        }
        firstDay = String(format: "%04d-%02d-01", year, months.lowerBound)
        lastDay = String(format: "%04d-%02d-%02d", year, months.upperBound, Self.daysIn(year: year, month: months.upperBound))
        description = trimmed
    }

    /// Everything issued up to and including `day` (`YYYY-MM-DD`).
    public init(until day: String) throws(InvalidInput) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        guard formatter.date(from: day) != nil, day.count == 10 else {
            throw InvalidInput("--until '\(day.singleLine)' must be a date like 2026-09-30")
        }
        firstDay = nil
        lastDay = day
        description = "until \(day)"
    }

    public func contains(day: String) -> Bool {
        (firstDay.map { day >= $0 } ?? true) && day <= lastDay
    }

    /// The calendar day (`YYYY-MM-DD`) of a UBL issue date. `xsd:date` may carry a zone
    /// (`2026-09-30+02:00`, `2026-09-30Z`), which compared as text would fall outside every
    /// period; the zone does not change the day the invoice bears. Nil when it is no such date.
    public static func calendarDay(_ text: String) -> String? {
        // By the digits, not a DateFormatter: it runs for every document imported or migrated.
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let day = trimmed.prefix(10)
        let rest = trimmed.dropFirst(10)
        guard rest.isEmpty || rest.first == "Z" || rest.first == "+" || rest.first == "-" else { return nil }
        let bytes = Array(day.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            bytes[range].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                ? bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } : nil
        }
        guard let year = number(0..<4), let month = number(5..<7), let dayOfMonth = number(8..<10),
              year >= 1, (1...12).contains(month), (1...daysIn(year: year, month: month)).contains(dayOfMonth) else { return nil }
        return String(day)
    }

    /// When the quarter holding `date` began, in `zone` (its first day at midnight there).
    public static func quarterStart(containing date: Date, in zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month], from: date)
        let firstMonth = ((parts.month ?? 1) - 1) / 3 * 3 + 1
        return calendar.date(from: DateComponents(year: parts.year, month: firstMonth, day: 1)) ?? date
    }

    /// The days of a month of the Gregorian calendar.
    private static func daysIn(year: Int, month: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }
}
