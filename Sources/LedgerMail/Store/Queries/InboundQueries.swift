/// The named queries on mail read from the inbox and what it changed.
protocol InboundQueries {
}
