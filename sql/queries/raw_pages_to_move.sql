-- One month of the raw_pages table of a database made before the archive (0007), with the
-- issue date that names the month's folder; $month 'undated' for pages without one.
WITH dated AS (
    SELECT
        r.article_id,
        coalesce(a.issue_date, try_cast(split_part(r.article_id, ':', 2) AS DATE)) AS issue_date,
        r.url, r.fetched_at, r.http_status, r.encoding, r.declared_encoding, r.content_hash,
        r.html_gz
    FROM raw_pages AS r
    LEFT JOIN articles AS a USING (article_id)
)
SELECT * FROM dated
WHERE coalesce(strftime(issue_date, '%Y-%m'), 'undated') = $month
ORDER BY article_id;
