-- Every stored sentence, grouped by article, for `pearl retag`.
SELECT article_id, sentence_no, kind, text
FROM sentences
ORDER BY article_id, sentence_no;
