-- Failed articles of a run, from the registered table b_failures.
DELETE FROM failed_articles WHERE url IN (SELECT url FROM b_failures);
INSERT INTO failed_articles BY NAME SELECT * FROM b_failures;
