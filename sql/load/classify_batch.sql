-- How each article of a batch compares with what is stored: new, updated or unchanged.
SELECT
    b.article_id,
    CASE
        WHEN a.article_id IS NULL THEN 'new'
        WHEN a.content_hash <> b.content_hash THEN 'updated'
        ELSE 'unchanged'
    END AS status
FROM b_articles AS b
LEFT JOIN articles AS a USING (article_id);
