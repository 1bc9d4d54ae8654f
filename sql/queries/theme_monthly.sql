-- One theme's monthly attention, zero-filled, for the demo's chart.
SELECT month, articles, all_articles, share_of_articles
FROM theme_mentions_monthly
WHERE theme_id = ?
ORDER BY month;
