-- Every speech of the names in b_names, with its date: a person's rows depend only on the
-- speeches of their name.
SELECT s.article_id, s.speech_no, s.speaker, s.title, s.organization, a.issue_date
FROM speeches AS s
JOIN articles AS a USING (article_id)
WHERE s.speaker IN (SELECT name FROM b_names)
ORDER BY a.issue_date, s.article_id, s.speech_no;
