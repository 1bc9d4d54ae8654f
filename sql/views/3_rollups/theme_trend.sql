-- theme_trend. Grain: one row per (theme, month), zero-filled. Answers: is a theme rising or
-- falling? Rolling 3-month share of articles, change against the same month a year before,
-- and the first and last month the theme was seen at all.
CREATE OR REPLACE VIEW theme_trend AS
WITH seen AS (
    SELECT theme_id, min(month) AS first_seen, max(month) AS last_seen
    FROM theme_mentions_monthly
    WHERE articles > 0
    GROUP BY theme_id
)
SELECT
    m.theme_id,
    m.parent,
    m.month,
    m.articles,
    m.all_articles,
    m.share_of_articles,
    (sum(m.articles) OVER w3 / nullif(sum(m.all_articles) OVER w3, 0))::DOUBLE AS rolling_3m_share,
    m.share_of_articles - lag(m.share_of_articles, 12) OVER by_month           AS yoy_share_change,
    s.first_seen,
    s.last_seen
FROM theme_mentions_monthly AS m
LEFT JOIN seen AS s USING (theme_id)
WINDOW
    by_month AS (PARTITION BY m.theme_id ORDER BY m.month),
    w3 AS (PARTITION BY m.theme_id ORDER BY m.month ROWS BETWEEN 2 PRECEDING AND CURRENT ROW);
