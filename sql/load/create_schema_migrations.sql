-- schema_migrations: which numbered migrations this database has applied (created before any).
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    VARCHAR PRIMARY KEY,
    applied_at TIMESTAMPTZ DEFAULT now()
);
