-- theme_cooccurrence. Grain: one row per pair of themes (theme_id_a < theme_id_b) found in the same
-- article. Answers: which themes travel together (村改 with 招商引资?), and how strongly
-- (Jaccard index of their article sets)?
CREATE OR REPLACE VIEW theme_cooccurrence AS
WITH tagged AS (
    SELECT DISTINCT theme_id, article_id FROM sentence_themes
),
sizes AS (
    SELECT theme_id, count(*) AS articles FROM tagged GROUP BY theme_id
),
pairs AS (
    SELECT a.theme_id AS theme_id_a, b.theme_id AS theme_id_b, count(*) AS articles_together
    FROM tagged AS a
    JOIN tagged AS b ON a.article_id = b.article_id AND a.theme_id < b.theme_id
    GROUP BY ALL
)
SELECT
    p.theme_id_a,
    p.theme_id_b,
    p.articles_together,
    sa.articles                                                            AS articles_a,
    sb.articles                                                            AS articles_b,
    (p.articles_together / (sa.articles + sb.articles - p.articles_together))::DOUBLE AS jaccard
FROM pairs AS p
JOIN sizes AS sa ON sa.theme_id = p.theme_id_a
JOIN sizes AS sb ON sb.theme_id = p.theme_id_b;
