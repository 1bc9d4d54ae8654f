-- theme_speakers. Grain: one row per (theme, speaker). Answers: who talks about what, how often,
-- in how many articles, with which titles, and when first and last?
CREATE OR REPLACE VIEW theme_speakers AS
SELECT
    theme,
    speaker,
    count(*)                          AS speeches,
    count(DISTINCT article_id)        AS articles,
    list_distinct(list(title))        AS titles,
    min(issue_date)                   AS first_seen,
    max(issue_date)                   AS last_seen
FROM theme_speeches
GROUP BY theme, speaker;
