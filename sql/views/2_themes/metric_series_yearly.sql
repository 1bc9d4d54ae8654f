-- metric_series_yearly. Grain: one row per (object, subject, base unit, year). Answers: how did
-- a figure (上市企业 家, 村级工业园改造 亩, 税收 元) move across years: how often it was quoted,
-- its range and median, and the latest value of the year. Changes (增长 x%) are kept apart from
-- levels so that rates and stocks are not mixed.
CREATE OR REPLACE VIEW metric_series_yearly AS
SELECT
    object,
    subject,
    base_unit,
    change <> ''                          AS is_change,
    year,
    count(*)                              AS quoted,
    count(DISTINCT article_id)            AS articles,
    min(base_value)                       AS min_value,
    median(base_value)                    AS median_value,
    max(base_value)                       AS max_value,
    arg_max(base_value, issue_date)       AS latest_value,
    max(issue_date)                       AS latest_date
FROM metric_timeline
WHERE object <> ''
GROUP BY object, subject, base_unit, change <> '', year;
