-- The two most mentioned themes of each month, for the demo summary.
SELECT month, theme_id, mentions, articles, round(share_of_articles, 3) AS share
FROM theme_mentions_monthly
WHERE mentions > 0
QUALIFY row_number() OVER (PARTITION BY month ORDER BY mentions DESC, theme_id) <= 2
ORDER BY month, mentions DESC;
