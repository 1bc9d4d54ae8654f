-- Every theme's share of articles by month (zero-filled), for the report's small multiples.
-- Months with fewer than 5 articles (a month just begun) are left out: their shares are noise.
SELECT theme_id, month, articles, all_articles, share_of_articles
FROM theme_mentions_monthly
WHERE month IN (SELECT month FROM calendar_months WHERE all_articles >= 5)
ORDER BY theme_id, month;
