-- Of b_newest (the newest archived page of each article, with its file), the
-- articles this database holds: pages a killed run archived but never loaded are left out.
SELECT article_id, archive_file
FROM b_newest
WHERE article_id IN (SELECT article_id FROM articles)
ORDER BY article_id;
