-- theme_mentions. Grain: one row per (sentence, theme) where a theme keyword is a token of the
-- sentence. Answers: where exactly was a theme mentioned? Matching is on jieba tokens (theme
-- keywords are in the tokenizer's dictionary), so a keyword never fires inside another word.
CREATE OR REPLACE VIEW theme_mentions AS
WITH tok AS (
    SELECT s.article_id, s.sentence_no, s.kind, unnest(s.tokens) AS token
    FROM sentences AS s
)
SELECT
    t.theme_id                     AS theme,
    tok.article_id,
    tok.sentence_no,
    tok.kind,
    a.issue_date,
    a.edition,
    a.page_no,
    list_distinct(list(k.keyword)) AS keywords
FROM tok
JOIN theme_keywords AS k ON k.keyword = tok.token
JOIN themes AS t ON t.theme_id = k.theme_id
JOIN articles AS a ON a.article_id = tok.article_id
GROUP BY ALL;
