/// The named queries on the send queue: claiming, settling and retrying deliveries.
protocol DeliveryQueries {
}
