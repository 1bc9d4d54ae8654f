-- Per article, the text that names someone rather than talks about a theme: speakers' titles
-- and organisations, the byline and the photo credits (masked before theme matching, `pearl retag`).
WITH named AS (
    SELECT article_id, list(title) || list(organization) AS spans
    FROM speeches
    GROUP BY article_id
)
SELECT
    a.article_id,
    list_filter(
        coalesce(n.spans, []) || [a.byline] || coalesce(a.photo_credits, []),
        lambda s: s IS NOT NULL AND s <> ''
    ) AS spans
FROM articles AS a
LEFT JOIN named AS n USING (article_id);
