-- theme_mentions_monthly. Grain: one row per (theme, month) for every month from the first to
-- the last issue in the database, zero-filled. Answers: how often did each theme come up each
-- month, in how many articles, and what share of that month's articles is that?
CREATE OR REPLACE VIEW theme_mentions_monthly AS
WITH months AS (
    SELECT unnest(generate_series(
        date_trunc('month', min(issue_date)), date_trunc('month', max(issue_date)), INTERVAL 1 MONTH
    ))::DATE AS month
    FROM articles
),
totals AS (
    SELECT date_trunc('month', issue_date)::DATE AS month, count(*) AS all_articles
    FROM articles GROUP BY ALL
),
hits AS (
    SELECT theme, date_trunc('month', issue_date)::DATE AS month,
           count(*) AS mentions, count(DISTINCT article_id) AS articles
    FROM theme_mentions GROUP BY ALL
)
SELECT
    t.theme_id                                   AS theme,
    m.month,
    coalesce(h.mentions, 0)                      AS mentions,
    coalesce(h.articles, 0)                      AS articles,
    coalesce(tot.all_articles, 0)                AS all_articles,
    coalesce(h.articles / nullif(tot.all_articles, 0), 0)::DOUBLE AS share_of_articles
FROM themes AS t
CROSS JOIN months AS m
LEFT JOIN hits AS h ON h.theme = t.theme_id AND h.month = m.month
LEFT JOIN totals AS tot ON tot.month = m.month
ORDER BY theme, month;
