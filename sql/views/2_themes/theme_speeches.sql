-- theme_speeches. Grain: one row per (theme, speech) where the speech overlaps a sentence that
-- mentions the theme (a keyword inside the speaker's title does not count: it is masked before
-- matching). Answers: what exactly did people say about a theme, who, when, and where?
CREATE OR REPLACE VIEW theme_speeches AS
SELECT DISTINCT
    st.theme_id,
    sp.issue_date,
    sp.speaker_id,
    sp.speaker,
    sp.speaker_label,
    sp.title,
    sp.organization,
    sp.verb,
    sp.kind,
    sp.text,
    sp.article_id,
    sp.speech_no,
    sp.article_title,
    sp.url
FROM speech_timeline AS sp
JOIN speeches AS raw ON raw.article_id = sp.article_id AND raw.speech_no = sp.speech_no
JOIN sentences AS s
  ON s.article_id = raw.article_id
 AND s.start_offset < raw.end_offset
 AND raw.start_offset < s.end_offset
JOIN sentence_themes AS st ON st.article_id = s.article_id AND st.sentence_no = s.sentence_no;
