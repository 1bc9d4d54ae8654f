-- Rows per table and view, for the demo summary and the run report.
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
UNION ALL SELECT 'failed_articles', count(*) FROM failed_articles
UNION ALL SELECT 'failed_issues', count(*) FROM failed_issues
UNION ALL SELECT 'view theme_mentions', count(*) FROM theme_mentions
UNION ALL SELECT 'view calendar_months', count(*) FROM calendar_months
UNION ALL SELECT 'view theme_mentions_monthly', count(*) FROM theme_mentions_monthly
UNION ALL SELECT 'view theme_mentions_yearly', count(*) FROM theme_mentions_yearly
UNION ALL SELECT 'view theme_by_edition_page', count(*) FROM theme_by_edition_page
UNION ALL SELECT 'view theme_speeches', count(*) FROM theme_speeches
UNION ALL SELECT 'view theme_speakers', count(*) FROM theme_speakers
UNION ALL SELECT 'view theme_metrics', count(*) FROM theme_metrics
UNION ALL SELECT 'view theme_cooccurrence', count(*) FROM theme_cooccurrence
UNION ALL SELECT 'view theme_articles', count(*) FROM theme_articles
UNION ALL SELECT 'view emerging_terms', count(*) FROM emerging_terms
UNION ALL SELECT 'view theme_trend', count(*) FROM theme_trend
UNION ALL SELECT 'view metric_timeline', count(*) FROM metric_timeline
UNION ALL SELECT 'view metric_series_yearly', count(*) FROM metric_series_yearly
UNION ALL SELECT 'view speech_timeline', count(*) FROM speech_timeline;
