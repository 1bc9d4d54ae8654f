-- Re-tag all history from the stored sentences: new tokens, theme tags and article terms from
-- the registered tables b_tokens, b_sentence_themes, b_article_terms. Run in one transaction.
UPDATE sentences AS s
SET tokens = b.tokens
FROM b_tokens AS b
WHERE s.article_id = b.article_id AND s.sentence_no = b.sentence_no;

DELETE FROM sentence_themes;
INSERT INTO sentence_themes BY NAME SELECT * FROM b_sentence_themes;

DELETE FROM article_terms;
INSERT INTO article_terms BY NAME SELECT * FROM b_article_terms;
