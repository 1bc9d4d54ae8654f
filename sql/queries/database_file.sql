-- The file of the current database (NULL when it is in memory): the raw archive lies beside it.
SELECT path FROM duckdb_databases() WHERE database_name = current_database();
