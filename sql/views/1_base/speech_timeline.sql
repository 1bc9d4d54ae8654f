-- speech_timeline. Grain: one row per speech, with the person it belongs to across articles.
-- Answers: what did a person say, when, with which title, and where can it be read?
-- speaker_label is how to show the person: the name, or for a speaker known only by a role
-- (相关负责人, 负责人) the role with its organisation (南海区市场监督管理局相关负责人). A speech
-- not yet linked to a person (speech_speakers) is its speaker's own in that article.
CREATE OR REPLACE VIEW speech_timeline AS
SELECT
    a.issue_date,
    coalesce(ss.speaker_id, s.speaker || '@' || s.article_id) AS speaker_id,
    s.speaker,
    CASE
        WHEN s.title <> '' AND s.title LIKE '%' || s.speaker THEN s.title
        ELSE s.speaker
    END     AS speaker_label,
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
