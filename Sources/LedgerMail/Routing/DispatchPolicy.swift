import Foundation

/// When a dossier's documents leave after they arrive.
public enum DispatchPolicy: String, Sendable, Codable, CaseIterable {
    case afterTenMinutes = "after-10-minutes"
    case endOfMonth = "end-of-month"
    case never

    /// The due time of a document that arrived at `arrival`, or nil for `never` (it waits, pending).
    /// `end-of-month` is due at the first moment of the next month in the dossier's time zone.
    public func dueTime(arrival: Date, delay: TimeInterval = 600, timeZone: TimeZone) -> Date? {
        switch self {
        case .afterTenMinutes:
            return arrival.addingTimeInterval(delay)
        case .endOfMonth:
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let monthStart = calendar.dateInterval(of: .month, for: arrival)?.end
            return monthStart ?? arrival
        case .never:
            return nil
        }
    }
}
