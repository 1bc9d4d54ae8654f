-- `pearl search`: the best hits of the search(q) macro (sql/views/4_macros/search.sql).
SELECT kind, score, issue_date, speaker_label, title, text, article_title, url
FROM search(?)
LIMIT ?;
