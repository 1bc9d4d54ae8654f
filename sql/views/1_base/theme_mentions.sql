-- theme_mentions. Grain: one row per (sentence, theme) where the sentence matches the theme.
-- Answers: where exactly was a theme mentioned (article, sentence, date, edition, page)?
-- Built from sentence_themes, which the load (and `pearl retag`) fills from jieba tokens.
CREATE OR REPLACE VIEW theme_mentions AS
SELECT
    st.theme_id,
    t.parent                                 AS parent,
    st.article_id,
    st.sentence_no,
    st.keywords,
    a.issue_date,
    date_trunc('month', a.issue_date)::DATE  AS month,
    a.edition,
    a.page_no,
    a.page_name
FROM sentence_themes AS st
JOIN themes AS t ON t.theme_id = st.theme_id
JOIN articles AS a ON a.article_id = st.article_id;
