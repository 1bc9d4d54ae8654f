-- The last runs, newest last: what each covered, loaded and failed, for the report's health chart.
SELECT
    started_at,
    status,
    date_from,
    date_to,
    coalesce(articles_new, 0)       AS articles_new,
    coalesce(articles_updated, 0)   AS articles_updated,
    coalesce(articles_unchanged, 0) AS articles_unchanged,
    coalesce(articles_failed, 0)    AS articles_failed,
    coalesce(speeches, 0)           AS speeches,
    coalesce(metrics, 0)            AS metrics,
    epoch(finished_at - started_at) AS seconds,
    coalesce(failure, '')           AS failure
FROM (SELECT * FROM runs ORDER BY started_at DESC LIMIT 20)
ORDER BY started_at;
