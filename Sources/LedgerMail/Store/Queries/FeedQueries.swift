/// The named queries on the documents feed: tokens, published items, acknowledgements.
protocol FeedQueries {
}
