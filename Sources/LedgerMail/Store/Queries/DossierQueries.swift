/// The named queries on dossiers and their routes.
protocol DossierQueries {
}
