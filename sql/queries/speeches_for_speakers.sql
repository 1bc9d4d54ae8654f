-- Every speech with its date, for rebuilding the speakers tables.
SELECT s.article_id, s.speech_no, s.speaker, s.title, s.organization, a.issue_date
FROM speeches AS s
JOIN articles AS a USING (article_id)
ORDER BY a.issue_date, s.article_id, s.speech_no;
