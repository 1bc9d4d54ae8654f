-- Synthetic history for the view benchmark: getvariable('n_articles') articles spread over
-- getvariable('n_years') years from 2016, 8 sentences, 2 speeches, 2 metrics and 30 terms each,
-- and theme tags on about a third of the sentences, with attention to each theme rising and
-- falling over the years. Deterministic: every "random" choice is a hash of row numbers.
-- Expects the themes and theme_keywords tables to be loaded already.
CREATE OR REPLACE TEMP TABLE bench_themes AS
SELECT row_number() OVER (ORDER BY theme_id) - 1 AS k, theme_id FROM themes;

INSERT INTO articles BY NAME
SELECT
    'bench:' || i                                                         AS article_id,
    'http://bench/epaper/' || i || '.htm'                                 AS url,
    CASE WHEN hash(i, 'e') % 5 = 0 THEN 'gcsq' ELSE 'zjsb' END            AS edition,
    DATE '2016-01-01' + CAST(i * 365.25 * getvariable('n_years') / getvariable('n_articles') AS INTEGER) AS issue_date,
    'A0' || (1 + hash(i, 'p') % 8)                                        AS page_no,
    ['要闻', '要闻', '深度', '今日南海', '经济', '关注', '城事', '文化'][(1 + hash(i, 'p') % 8)::BIGINT] AS page_name,
    i                                                                     AS seq,
    '第' || i || '篇报道'                                                  AS title,
    'content ' || i                                                       AS content,
    md5(i::VARCHAR)                                                       AS content_hash,
    TIMESTAMPTZ '2026-01-01 00:00:00+00'                                  AS first_seen_at,
    TIMESTAMPTZ '2026-01-01 00:00:00+00'                                  AS updated_at
FROM range(getvariable('n_articles')) AS r(i);

INSERT INTO sentences BY NAME
SELECT
    'bench:' || i AS article_id, s AS sentence_no, s AS paragraph_no, 'body' AS kind,
    s * 40 AS start_offset, s * 40 + 39 AS end_offset, '句子' AS text,
    ['发展', '推进', '社区', '企业', '项目', '建设', '服务', '群众'] AS tokens
FROM range(getvariable('n_articles')) AS r(i), range(8) AS q(s);

INSERT INTO sentence_themes BY NAME
SELECT
    'bench:' || i AS article_id, s AS sentence_no, bt.theme_id, [bt.theme_id] AS keywords
FROM range(getvariable('n_articles')) AS r(i), range(8) AS q(s)
JOIN bench_themes AS bt
  ON bt.k = hash(i, s, 't') % (SELECT count(*) FROM bench_themes)
-- each theme peaks in its own year: the further from it, the fewer tags
WHERE hash(i, s, 'keep') % 100 < 15 + 30 * (1 - abs(((i * getvariable('n_years')) // getvariable('n_articles')) - bt.k % getvariable('n_years')) / getvariable('n_years'));

INSERT INTO speeches BY NAME
SELECT
    'bench:' || i AS article_id, n AS speech_no, n AS paragraph_no,
    '讲话人' || (hash(i, n) % 400) AS speaker, '职务' || (hash(i, n) % 400) AS title,
    '' AS organization, '表示' AS verb, 'indirect' AS kind, '讲话内容' AS text,
    n * 80 + 5 AS start_offset, n * 80 + 30 AS end_offset
FROM range(getvariable('n_articles')) AS r(i), range(2) AS q(n);

INSERT INTO metrics BY NAME
SELECT
    'bench:' || i AS article_id, n AS metric_no, n AS paragraph_no,
    (hash(i, n) % 1000)::DOUBLE AS value, ['家', '亩', '亿元', '%'][(1 + hash(i, n, 'u') % 4)::BIGINT] AS unit,
    (hash(i, n) % 1000)::DOUBLE AS base_value,
    ['上市企业', '村级工业园改造', '税收', '高新技术企业'][(1 + hash(i, n, 'o') % 4)::BIGINT] AS object,
    '' AS subject, (hash(i, n) % 1000) || '家' AS text, n * 80 AS start_offset, n * 80 + 4 AS end_offset
FROM range(getvariable('n_articles')) AS r(i), range(2) AS q(n);

INSERT INTO article_terms BY NAME
SELECT 'bench:' || i AS article_id, '词' || (hash(i, t) % 5000) AS term, 1 AS n
FROM range(getvariable('n_articles')) AS r(i), range(30) AS q(t);
