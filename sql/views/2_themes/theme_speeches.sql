-- theme_speeches. Grain: one row per (theme, speech) where the speech overlaps a sentence that
-- mentions the theme. Answers: what exactly did people say about a theme, when, and where?
CREATE OR REPLACE VIEW theme_speeches AS
SELECT DISTINCT
    st.theme_id       AS theme,
    a.issue_date,
    sp.speaker,
    sp.title,
    sp.organization,
    sp.verb,
    sp.kind,
    sp.text,
    sp.article_id,
    sp.speech_no,
    a.title           AS article_title,
    a.url
FROM speeches AS sp
JOIN sentences AS s
  ON s.article_id = sp.article_id
 AND s.start_offset < sp.end_offset
 AND sp.start_offset < s.end_offset
JOIN sentence_themes AS st ON st.article_id = s.article_id AND st.sentence_no = s.sentence_no
JOIN articles AS a ON a.article_id = sp.article_id;
