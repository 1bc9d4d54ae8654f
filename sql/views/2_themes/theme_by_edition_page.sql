-- theme_by_edition_page. Grain: one row per (theme, edition, page) where the theme appears.
-- Answers: where in the paper does a theme run: front-page news (要闻) or community pages, and
-- what share of that page's articles carry it?
CREATE OR REPLACE VIEW theme_by_edition_page AS
WITH pages AS (
    SELECT edition, page_no, any_value(page_name) AS page_name, count(*) AS all_articles
    FROM articles
    GROUP BY edition, page_no
)
SELECT
    tm.theme_id,
    tm.edition,
    tm.page_no,
    p.page_name,
    count(*)                                                    AS mentions,
    count(DISTINCT tm.article_id)                               AS articles,
    p.all_articles,
    (count(DISTINCT tm.article_id) / p.all_articles)::DOUBLE    AS share_of_page_articles
FROM theme_mentions AS tm
JOIN pages AS p ON p.edition = tm.edition AND p.page_no IS NOT DISTINCT FROM tm.page_no
GROUP BY tm.theme_id, tm.edition, tm.page_no, p.page_name, p.all_articles;
