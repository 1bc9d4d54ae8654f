-- The months (folders of the archive) of the raw_pages table of a database made before 0007.
SELECT DISTINCT coalesce(
    strftime(coalesce(a.issue_date, try_cast(split_part(r.article_id, ':', 2) AS DATE)), '%Y-%m'),
    'undated'
) AS month
FROM raw_pages AS r
LEFT JOIN articles AS a USING (article_id)
ORDER BY month;
