-- Rows per table, for the run report: counts of tables only, which DuckDB answers from
-- metadata (views would be computed in full: 0.9 s at ten years).
SELECT 'articles' AS name, count(*) AS n FROM articles
UNION ALL SELECT 'raw_pages', count(*) FROM raw_pages
UNION ALL SELECT 'sentences', count(*) FROM sentences
UNION ALL SELECT 'speeches', count(*) FROM speeches
UNION ALL SELECT 'metrics', count(*) FROM metrics
UNION ALL SELECT 'sentence_themes', count(*) FROM sentence_themes
UNION ALL SELECT 'article_terms', count(*) FROM article_terms
UNION ALL SELECT 'org_statements', count(*) FROM org_statements
UNION ALL SELECT 'speakers', count(*) FROM speakers
UNION ALL SELECT 'speaker_titles', count(*) FROM speaker_titles
UNION ALL SELECT 'speech_speakers', count(*) FROM speech_speakers
UNION ALL SELECT 'themes', count(*) FROM themes
UNION ALL SELECT 'theme_keywords', count(*) FROM theme_keywords
UNION ALL SELECT 'runs', count(*) FROM runs
UNION ALL SELECT 'failed_articles', count(*) FROM failed_articles;
