-- theme_metrics. Grain: one row per (theme, metric) for metrics quoted in articles of a theme.
-- Answers: which figures come with a theme (亩 renovated, 家 listed firms …), when and where?
CREATE OR REPLACE VIEW theme_metrics AS
WITH tagged AS (
    SELECT DISTINCT theme_id, article_id FROM sentence_themes
)
SELECT
    tg.theme_id,
    a.issue_date,
    m.object,
    m.subject,
    m.value,
    m.unit,
    m.qualifier,
    m.base_value,
    m.base_unit,
    m.change,
    m.text,
    m.sentence,
    m.article_id,
    m.metric_no,
    a.title           AS article_title,
    a.url
FROM tagged AS tg
JOIN metrics AS m ON m.article_id = tg.article_id
JOIN articles AS a ON a.article_id = tg.article_id;
