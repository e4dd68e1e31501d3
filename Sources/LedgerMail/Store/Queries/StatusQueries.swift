/// The named queries on what status, the web's lists and the dossier overview show.
protocol StatusQueries {
}
