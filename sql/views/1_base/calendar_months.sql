-- calendar_months. Grain: one row per month from the first to the last issue in the database,
-- with the number of articles published that month (0 when none). Answers: which months exist,
-- so that theme views can show an empty month as zero instead of leaving it out.
CREATE OR REPLACE VIEW calendar_months AS
WITH bounds AS (
    SELECT date_trunc('month', min(issue_date)) AS first_month,
           date_trunc('month', max(issue_date)) AS last_month
    FROM articles
),
months AS (
    SELECT unnest(generate_series(first_month, last_month, INTERVAL 1 MONTH))::DATE AS month
    FROM bounds
    WHERE first_month IS NOT NULL
),
published AS (
    SELECT date_trunc('month', issue_date)::DATE AS month, count(*) AS all_articles
    FROM articles
    GROUP BY ALL
)
SELECT m.month, coalesce(p.all_articles, 0) AS all_articles
FROM months AS m
LEFT JOIN published AS p USING (month);
