-- The tables of this database that hold rows per article (they have an article_id column).
SELECT DISTINCT c.table_name
FROM duckdb_columns() AS c
JOIN duckdb_tables() AS t USING (database_name, schema_name, table_name)
WHERE c.column_name = 'article_id' AND c.database_name = current_database()
ORDER BY 1;
