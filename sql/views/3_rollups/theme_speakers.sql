-- theme_speakers. Grain: one row per (theme, person), the person being speakers.speaker_id (one
-- person across articles and titles; a speaker known only by a role is one per article).
-- Answers: who talks about a theme, how often, in how many articles, with which titles (in the
-- order they were first used), and when first and last?
CREATE OR REPLACE VIEW theme_speakers AS
WITH titles AS (
    SELECT theme_id, speaker_id, list(title ORDER BY since, title) AS titles
    FROM (
        SELECT theme_id, speaker_id, title, min(issue_date) AS since
        FROM theme_speeches
        GROUP BY theme_id, speaker_id, title
    )
    GROUP BY theme_id, speaker_id
)
SELECT
    s.theme_id,
    s.speaker_id,
    arg_max(s.speaker_label, s.issue_date) AS speaker_label,
    count(*)                               AS speeches,
    count(DISTINCT s.article_id)           AS articles,
    any_value(t.titles)                    AS titles,
    min(s.issue_date)                      AS first_seen,
    max(s.issue_date)                      AS last_seen
FROM theme_speeches AS s
JOIN titles AS t USING (theme_id, speaker_id)
GROUP BY s.theme_id, s.speaker_id;
