-- How each article of a batch compares with what is stored: new, updated or unchanged.
SELECT
    count(*) FILTER (WHERE a.article_id IS NULL)                    AS new,
    count(*) FILTER (WHERE a.content_hash <> b.content_hash)        AS updated,
    count(*) FILTER (WHERE a.content_hash = b.content_hash)         AS unchanged
FROM b_articles AS b
LEFT JOIN articles AS a USING (article_id);
