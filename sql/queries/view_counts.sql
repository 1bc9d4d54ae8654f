-- Rows per view, for the demo's summary (computes every view in full).
SELECT 'view theme_mentions' AS name, count(*) AS n FROM theme_mentions
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
