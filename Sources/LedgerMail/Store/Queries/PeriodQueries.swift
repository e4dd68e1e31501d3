/// The named queries on quarter-end plans, notifications and mail-out parts.
protocol PeriodQueries {
}
