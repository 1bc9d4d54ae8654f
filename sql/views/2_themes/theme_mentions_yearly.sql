-- theme_mentions_yearly. Grain: one row per (theme, year), zero-filled over the years covered.
-- Answers: how much attention did each theme get each year, as mentions, articles and share?
CREATE OR REPLACE VIEW theme_mentions_yearly AS
WITH years AS (
    SELECT year(month) AS year, sum(all_articles) AS all_articles
    FROM calendar_months
    GROUP BY ALL
),
hits AS (
    SELECT theme_id, year(issue_date) AS year, count(*) AS mentions, count(DISTINCT article_id) AS articles
    FROM theme_mentions
    GROUP BY ALL
)
SELECT
    t.theme_id,
    t.parent,
    y.year,
    coalesce(h.mentions, 0)                                     AS mentions,
    coalesce(h.articles, 0)                                     AS articles,
    y.all_articles,
    coalesce(h.articles / nullif(y.all_articles, 0), 0)::DOUBLE AS share_of_articles
FROM themes AS t
CROSS JOIN years AS y
LEFT JOIN hits AS h ON h.theme_id = t.theme_id AND h.year = y.year;
