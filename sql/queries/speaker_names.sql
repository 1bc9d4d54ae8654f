-- The names speaking in the articles of b_article_ids, now or before those articles were
-- reloaded (their old links still name them); every name when b_article_ids is NULL.
SELECT speaker AS name FROM speeches
WHERE $all OR article_id IN (SELECT article_id FROM b_article_ids)
UNION
SELECT p.name FROM speech_speakers AS l JOIN speakers AS p USING (speaker_id)
WHERE $all OR l.article_id IN (SELECT article_id FROM b_article_ids)
UNION
SELECT name FROM speakers WHERE $all;
