-- search(q). A table macro: full-text search over speeches and articles, ranked by BM25 over
-- the stored jieba tokens of the sentences (DuckDB 2.0.1 has no fts extension offline).
-- q holds words separated by spaces; a word matches every token that contains it, so
-- 村级工业园 finds 村级工业园改造 (a whole token), while 村改 never matches inside 农村改革
-- (two tokens). A speech is found through the tokens of the sentences it overlaps, counted in
-- its own text (not in the speaker's title: 村级工业园改造办公室主任 does not make every speech of
-- that person a hit); an article through all its sentences, headline and byline included. Scores: BM25 with k1 = 1.2, b = 0.75,
-- document length in characters (speech text, article content), computed per kind.
-- Grain: one row per matching speech or article. Usage: FROM search('村级工业园 腾笼换鸟').
CREATE OR REPLACE MACRO search(q) AS TABLE
WITH terms AS (
    SELECT DISTINCT unnest(string_split_regex(trim(q), '\s+')) AS term
),
candidates AS (
    SELECT s.article_id, s.sentence_no, s.start_offset, s.end_offset, s.text, s.tokens
    FROM sentences AS s
    WHERE EXISTS (SELECT 1 FROM terms WHERE term <> '' AND contains(s.text, term))
),
hits AS (
    SELECT c.article_id, c.sentence_no, t.term, c.token
    FROM (SELECT article_id, sentence_no, unnest(tokens) AS token FROM candidates) AS c
    JOIN terms AS t ON t.term <> '' AND contains(c.token, t.term)
),
article_tf AS (
    SELECT article_id, term, count(*) AS tf FROM hits GROUP BY article_id, term
),
speech_tokens AS (
    SELECT DISTINCT sp.article_id, sp.speech_no, h.term, h.token, sp.text
    FROM hits AS h
    JOIN candidates AS c USING (article_id, sentence_no)
    JOIN speeches AS sp
      ON sp.article_id = c.article_id
     AND c.start_offset < sp.end_offset
     AND sp.start_offset < c.end_offset
),
speech_tf AS (
    -- how often each matched token occurs in the speech's own text
    SELECT
        article_id,
        speech_no,
        term,
        sum((length(text) - length(replace(text, token, ''))) // length(token)) AS tf
    FROM speech_tokens
    GROUP BY article_id, speech_no, term
    HAVING tf > 0
),
docs AS (
    SELECT 'article' AS kind, article_id, NULL::INTEGER AS speech_no, length(content) AS len
    FROM articles
    UNION ALL
    SELECT 'speech', article_id, speech_no, length(text) FROM speeches
),
doc_tf AS (
    SELECT 'article' AS kind, article_id, NULL::INTEGER AS speech_no, term, tf FROM article_tf
    UNION ALL
    SELECT 'speech', article_id, speech_no, term, tf FROM speech_tf
),
scores AS (
    SELECT
        tf.kind,
        tf.article_id,
        tf.speech_no,
        sum(
            ln(1 + (st.docs - df.df + 0.5) / (df.df + 0.5))
            * tf.tf * 2.2 / (tf.tf + 1.2 * (0.25 + 0.75 * d.len / st.avgdl))
        ) AS score
    FROM doc_tf AS tf
    JOIN (SELECT kind, term, count(*) AS df FROM doc_tf GROUP BY kind, term) AS df
      USING (kind, term)
    JOIN (SELECT kind, count(*) AS docs, avg(len) AS avgdl FROM docs GROUP BY kind) AS st
      USING (kind)
    JOIN docs AS d
      ON d.kind = tf.kind
     AND d.article_id = tf.article_id
     AND d.speech_no IS NOT DISTINCT FROM tf.speech_no
    GROUP BY tf.kind, tf.article_id, tf.speech_no
),
first_hit AS (
    SELECT c.article_id, arg_min(c.text, c.sentence_no) AS text
    FROM candidates AS c
    SEMI JOIN hits AS h USING (article_id, sentence_no)
    GROUP BY c.article_id
)
SELECT
    s.kind,
    s.score,
    a.issue_date,
    t.speaker_id,
    t.speaker_label,
    t.title,
    coalesce(t.text, f.text) AS text,
    a.title                  AS article_title,
    a.url,
    s.article_id,
    s.speech_no
FROM scores AS s
JOIN articles AS a USING (article_id)
LEFT JOIN speech_timeline AS t
  ON s.kind = 'speech' AND t.article_id = s.article_id AND t.speech_no = s.speech_no
LEFT JOIN first_hit AS f
  ON s.kind = 'article' AND f.article_id = s.article_id
ORDER BY s.score DESC, a.issue_date DESC, s.article_id, s.speech_no;
