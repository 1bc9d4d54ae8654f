-- 0007_raw_pages_to_archive: the raw HTML leaves the analysts' file for the archive (Parquet by
-- month, tasks/core/archive.py). store.migrate first copies every row of raw_pages there and
-- checks the copy (tasks/core/archive.py, move_raw_pages); only then is the table dropped.
DROP TABLE IF EXISTS raw_pages;
