-- metric_timeline. Grain: one row per metric occurrence, with its date and source. Answers:
-- when was a figure quoted, by whom (when it sits inside a speech), in which article?
CREATE OR REPLACE VIEW metric_timeline AS
SELECT
    a.issue_date,
    year(a.issue_date)  AS year,
    m.object,
    m.subject,
    m.value,
    m.unit,
    m.qualifier,
    m.value_low,
    m.value_high,
    m.base_value,
    m.base_unit,
    m.change,
    m.text,
    m.sentence,
    sp.speaker          AS quoted_by,
    m.article_id,
    m.metric_no,
    a.title             AS article_title,
    a.url
FROM metrics AS m
JOIN articles AS a USING (article_id)
LEFT JOIN speeches AS sp ON sp.article_id = m.article_id AND sp.speech_no = m.speech_no;
