-- Rows per table and view, for the demo summary and the run report.
SELECT 'articles' AS name, count(*) AS n FROM articles
UNION ALL SELECT 'raw_pages', count(*) FROM raw_pages
UNION ALL SELECT 'sentences', count(*) FROM sentences
UNION ALL SELECT 'speeches', count(*) FROM speeches
UNION ALL SELECT 'metrics', count(*) FROM metrics
UNION ALL SELECT 'themes', count(*) FROM themes
UNION ALL SELECT 'theme_keywords', count(*) FROM theme_keywords
UNION ALL SELECT 'runs', count(*) FROM runs
UNION ALL SELECT 'failed_articles', count(*) FROM failed_articles
UNION ALL SELECT 'theme_mentions (view)', count(*) FROM theme_mentions
UNION ALL SELECT 'theme_mentions_monthly (view)', count(*) FROM theme_mentions_monthly;
