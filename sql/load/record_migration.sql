-- Mark one migration as applied, in the same transaction as the migration itself.
INSERT INTO schema_migrations (version) VALUES (?);
