/// The named queries on imported documents and their versions.
protocol DocumentQueries {
}
