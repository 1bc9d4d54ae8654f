-- The tables or views ({kind}) of this database's main schema, for row counts: the catalog,
-- which the migrations and view files fill, is the one list of what there is to count.
SELECT {kind}_name FROM duckdb_{kind}s()
WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal
ORDER BY 1;
