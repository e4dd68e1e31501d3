/// The named queries on what the owner's digest reported.
protocol DigestQueries {
}
