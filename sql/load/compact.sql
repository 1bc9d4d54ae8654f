-- Rewrite the current database ({database}) into a new file ({target}): DuckDB keeps the blocks
-- a dropped table freed inside the file, which publishing would otherwise copy every run.
ATTACH '{target}' AS compact (STORAGE_VERSION 'v1.5.0');
COPY FROM DATABASE "{database}" TO compact;
DETACH compact;
