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
article_scores AS (
    SELECT
        tf.article_id,
        sum(
            ln(1 + (st.docs - df.df + 0.5) / (df.df + 0.5))
            * tf.tf * 2.2 / (tf.tf + 1.2 * (0.25 + 0.75 * length(a.content) / st.avgdl))
        ) AS score
    FROM article_tf AS tf
    JOIN (SELECT term, count(*) AS df FROM article_tf GROUP BY term) AS df USING (term)
    JOIN articles AS a USING (article_id)
    CROSS JOIN (SELECT count(*) AS docs, avg(length(content)) AS avgdl FROM articles) AS st
    GROUP BY tf.article_id
),
speech_scores AS (
    SELECT
        tf.article_id,
        tf.speech_no,
        sum(
            ln(1 + (st.docs - df.df + 0.5) / (df.df + 0.5))
            * tf.tf * 2.2 / (tf.tf + 1.2 * (0.25 + 0.75 * length(sp.text) / st.avgdl))
        ) AS score
    FROM speech_tf AS tf
    JOIN (SELECT term, count(*) AS df FROM speech_tf GROUP BY term) AS df USING (term)
    JOIN speeches AS sp USING (article_id, speech_no)
    CROSS JOIN (SELECT count(*) AS docs, avg(length(text)) AS avgdl FROM speeches) AS st
    GROUP BY tf.article_id, tf.speech_no
),
first_hit AS (
    SELECT c.article_id, arg_min(c.text, c.sentence_no) AS text
    FROM candidates AS c
    SEMI JOIN hits AS h USING (article_id, sentence_no)
    GROUP BY c.article_id
)
SELECT
    'speech'           AS kind,
    s.score,
    t.issue_date,
    t.speaker_id,
    t.speaker_label,
    t.title,
    t.text,
    t.article_title,
    t.url,
    t.article_id,
    t.speech_no
FROM speech_scores AS s
JOIN speech_timeline AS t USING (article_id, speech_no)
UNION ALL
SELECT
    'article',
    s.score,
    a.issue_date,
    NULL,
    NULL,
    NULL,
    f.text,
    a.title,
    a.url,
    a.article_id,
    NULL
FROM article_scores AS s
JOIN articles AS a USING (article_id)
JOIN first_hit AS f USING (article_id)
ORDER BY score DESC, issue_date DESC, article_id, speech_no;
