/// The named queries on web accounts, their dossiers, sessions and login throttling.
protocol AccountQueries {
}
