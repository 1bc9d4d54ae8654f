-- emerging_terms. Grain: one row per term seen in at least 3 articles of the last 3 months
-- (counted back from the newest issue). Answers: which words are rising now? The share of
-- articles using the term in those months is compared with its share in the 12 months before.
CREATE OR REPLACE VIEW emerging_terms AS
WITH bounds AS (
    SELECT date_trunc('month', max(issue_date))::DATE AS last_month FROM articles
),
periods AS (
    SELECT
        a.article_id,
        CASE
            WHEN date_trunc('month', a.issue_date) > b.last_month - INTERVAL 3 MONTH THEN 'recent'
            WHEN date_trunc('month', a.issue_date) > b.last_month - INTERVAL 15 MONTH THEN 'baseline'
        END AS period
    FROM articles AS a, bounds AS b
),
totals AS (
    SELECT
        count(*) FILTER (WHERE period = 'recent')   AS recent_articles,
        count(*) FILTER (WHERE period = 'baseline') AS baseline_articles
    FROM periods
),
counts AS (
    SELECT
        t.term,
        count(*) FILTER (WHERE p.period = 'recent')   AS recent,
        count(*) FILTER (WHERE p.period = 'baseline') AS baseline
    FROM article_terms AS t
    JOIN periods AS p USING (article_id)
    WHERE p.period IS NOT NULL
    GROUP BY t.term
)
SELECT
    c.term,
    c.recent                                                        AS recent_articles,
    c.baseline                                                      AS baseline_articles,
    (c.recent / nullif(tot.recent_articles, 0))::DOUBLE             AS recent_share,
    coalesce(c.baseline / nullif(tot.baseline_articles, 0), 0)::DOUBLE AS baseline_share,
    (c.recent / nullif(tot.recent_articles, 0)
        - coalesce(c.baseline / nullif(tot.baseline_articles, 0), 0))::DOUBLE AS share_rise
FROM counts AS c, totals AS tot
WHERE c.recent >= 3;
