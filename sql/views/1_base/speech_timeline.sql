-- speech_timeline. Grain: one row per speech, with the person it belongs to across articles.
-- Answers: what did a person say, when, with which title, and where can it be read?
CREATE OR REPLACE VIEW speech_timeline AS
SELECT
    a.issue_date,
    ss.speaker_id,
    s.speaker,
    s.title,
    s.organization,
    s.verb,
    s.kind,
    s.text,
    s.resolved_from,
    s.article_id,
    s.speech_no,
    a.title AS article_title,
    a.url
FROM speeches AS s
JOIN articles AS a USING (article_id)
LEFT JOIN speech_speakers AS ss ON ss.article_id = s.article_id AND ss.speech_no = s.speech_no;
