namespace metrics {
int requestsServed(int before) { return before + 1; }
} // namespace metrics
