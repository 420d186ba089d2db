"""What tests and benchmarks share: real servers, throwaway services, the REST and store helpers,
and a fake Telegram Bot API. Imported by tests/ and bench/; imports neither."""
