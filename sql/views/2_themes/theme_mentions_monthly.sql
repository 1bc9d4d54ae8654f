-- theme_mentions_monthly. Grain: one row per (theme, month), every theme and every month from
-- the first to the last issue, zero-filled. Answers: how often did each theme come up each
-- month, in how many articles, and what share of that month's articles is that?
CREATE OR REPLACE VIEW theme_mentions_monthly AS
WITH hits AS (
    SELECT theme_id, month, count(*) AS mentions, count(DISTINCT article_id) AS articles
    FROM theme_mentions
    GROUP BY ALL
)
SELECT
    t.theme_id,
    t.parent,
    m.month,
    coalesce(h.mentions, 0)                                             AS mentions,
    coalesce(h.articles, 0)                                             AS articles,
    m.all_articles,
    coalesce(h.articles / nullif(m.all_articles, 0), 0)::DOUBLE         AS share_of_articles
FROM themes AS t
CROSS JOIN calendar_months AS m
LEFT JOIN hits AS h ON h.theme_id = t.theme_id AND h.month = m.month;
