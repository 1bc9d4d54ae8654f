-- Every theme's share of articles in the last 3 months against the 12 months before, for the
-- report's small multiples: a theme is rising when its recent share is at least 1.5 times the
-- earlier one and it was in at least 3 recent articles.
WITH last AS (SELECT max(month) AS last_month FROM calendar_months),
periods AS (
    SELECT
        m.theme_id,
        sum(m.articles) FILTER (WHERE m.month > l.last_month - INTERVAL 3 MONTH)     AS recent,
        sum(m.all_articles) FILTER (WHERE m.month > l.last_month - INTERVAL 3 MONTH) AS recent_all,
        sum(m.articles) FILTER (WHERE m.month <= l.last_month - INTERVAL 3 MONTH
                                  AND m.month > l.last_month - INTERVAL 15 MONTH)    AS earlier,
        sum(m.all_articles) FILTER (WHERE m.month <= l.last_month - INTERVAL 3 MONTH
                                      AND m.month > l.last_month - INTERVAL 15 MONTH) AS earlier_all,
        sum(m.articles)                                                              AS total
    FROM theme_mentions_monthly AS m, last AS l
    GROUP BY m.theme_id
)
SELECT
    theme_id,
    total,
    coalesce(recent / nullif(recent_all, 0), 0)::DOUBLE   AS recent_share,
    coalesce(earlier / nullif(earlier_all, 0), 0)::DOUBLE AS earlier_share,
    recent >= 3
        AND coalesce(recent / nullif(recent_all, 0), 0)
            >= 1.5 * coalesce(earlier / nullif(earlier_all, 0), 0) AS rising
FROM periods
ORDER BY total DESC, theme_id;
