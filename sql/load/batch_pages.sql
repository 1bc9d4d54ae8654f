-- The fetched pages of a batch (b_raw), one per article (the latest fetch), with the issue
-- date that names their month in the archive (from b_articles; from the article id failing it).
SELECT
    r.article_id,
    coalesce(a.issue_date, try_cast(split_part(r.article_id, ':', 2) AS DATE)) AS issue_date,
    r.url, r.fetched_at, r.http_status, r.encoding, r.declared_encoding, r.content_hash, r.html_gz
FROM b_raw AS r
LEFT JOIN b_articles AS a USING (article_id)
QUALIFY row_number() OVER (PARTITION BY r.article_id ORDER BY r.fetched_at DESC) = 1
ORDER BY r.article_id;
