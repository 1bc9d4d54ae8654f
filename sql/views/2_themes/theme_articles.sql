-- theme_articles. Grain: one row per (theme, article). Answers: which articles carry a theme,
-- for drill-down from any chart: date, edition, page, title, URL, how many sentences matched and
-- with which keywords.
CREATE OR REPLACE VIEW theme_articles AS
SELECT
    st.theme_id,
    a.issue_date,
    a.edition,
    a.page_no,
    a.page_name,
    a.title,
    a.url,
    a.article_id,
    count(*)                                      AS mentions,
    list_sort(list_distinct(flatten(list(st.keywords)))) AS keywords
FROM sentence_themes AS st
JOIN articles AS a ON a.article_id = st.article_id
GROUP BY st.theme_id, a.issue_date, a.edition, a.page_no, a.page_name, a.title, a.url, a.article_id;
