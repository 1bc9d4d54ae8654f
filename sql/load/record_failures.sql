-- Failed articles of a run, from the registered table b_failures (one row per article): one row
-- per article identity, counting the runs it failed in; at the bound (parameter 1) it is
-- quarantined. A success deletes the row (upsert_batch).
INSERT INTO failed_articles BY NAME
SELECT *, failed_at AS first_failed_at, 1 AS attempts, 1 >= $max_attempts AS quarantined
FROM b_failures
ON CONFLICT (article_id) DO UPDATE SET
    edition = excluded.edition, issue_date = excluded.issue_date, url = excluded.url,
    run_id = excluded.run_id, failed_at = excluded.failed_at, reason = excluded.reason,
    detail = excluded.detail, attempts = failed_articles.attempts + 1,
    quarantined = failed_articles.attempts + 1 >= $max_attempts;
