"""The code `scaffold-service` generates, rendered from its templates and run against a real
database: the example project's (SQLite in the main suite, PostgreSQL under scripts/with-postgres)."""
