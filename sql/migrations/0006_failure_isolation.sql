-- 0006_failure_isolation: failures keyed by identity, counted, and quarantined after a bound.
-- failed_articles was keyed by URL (host and port included), so a re-run against another host
-- added a row for the same article; it is now one row per article (edition:date:seq) with the
-- number of runs it failed in. Old rows keep their identity when their URL yields one.
CREATE TABLE failed_articles_0006 (
    article_id      VARCHAR PRIMARY KEY,   -- edition:YYYY-MM-DD:seq, as articles.article_id
    edition         VARCHAR,
    issue_date      DATE,
    url             VARCHAR NOT NULL,      -- the URL last tried; retries rebuild it on the run's host
    run_id          VARCHAR NOT NULL,      -- the run that failed it last
    first_failed_at TIMESTAMPTZ NOT NULL,
    failed_at       TIMESTAMPTZ NOT NULL,
    reason          VARCHAR NOT NULL,
    detail          VARCHAR,
    attempts        INTEGER NOT NULL,      -- runs it failed in
    quarantined     BOOLEAN NOT NULL       -- attempts reached the bound: no longer retried or blocking
);
INSERT INTO failed_articles_0006
SELECT
    regexp_extract(url, '/epaper/([a-z]+)/html/', 1) || ':'
        || regexp_extract(url, '/html/(\d{4}-\d{2})/', 1) || '-'
        || regexp_extract(url, '/html/\d{4}-\d{2}/(\d{2})/', 1) || ':'
        || CAST(CAST(regexp_extract(url, 'content_(\d+)\.htm', 1) AS INTEGER) AS VARCHAR),
    regexp_extract(url, '/epaper/([a-z]+)/html/', 1),
    CAST(regexp_extract(url, '/html/(\d{4}-\d{2}/\d{2})/', 1).replace('/', '-') AS DATE),
    url, run_id, failed_at, failed_at, reason, detail, 1, false
FROM failed_articles
WHERE regexp_matches(url, '/epaper/[a-z]+/html/\d{4}-\d{2}/\d{2}/content_\d+\.htm')
QUALIFY row_number() OVER (PARTITION BY 1, 2, 3, 4 ORDER BY failed_at DESC) = 1;
DROP TABLE failed_articles;
ALTER TABLE failed_articles_0006 RENAME TO failed_articles;

-- An issue, or one page index of it, that could not be fetched: retried by later runs (its
-- other pages were published). page_no '' is the whole issue (its front page).
CREATE TABLE IF NOT EXISTS failed_issues (
    edition         VARCHAR NOT NULL,
    issue_date      DATE NOT NULL,
    page_no         VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    first_failed_at TIMESTAMPTZ NOT NULL,
    failed_at       TIMESTAMPTZ NOT NULL,
    reason          VARCHAR NOT NULL,      -- fetch_error, not_found
    detail          VARCHAR,
    attempts        INTEGER NOT NULL,
    quarantined     BOOLEAN NOT NULL,
    PRIMARY KEY (edition, issue_date, page_no)
);
