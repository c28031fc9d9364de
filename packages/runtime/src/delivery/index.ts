// Durable delivery (NDJSON buffer and forwarder): see the delivery issue.
export {}
