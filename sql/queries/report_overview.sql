-- The report's header: what the database covers.
SELECT
    (SELECT min(issue_date) FROM articles)  AS first_issue,
    (SELECT max(issue_date) FROM articles)  AS last_issue,
    (SELECT count(*) FROM articles)         AS articles,
    (SELECT count(*) FROM speeches)         AS speeches,
    (SELECT count(*) FROM metrics)          AS metrics,
    (SELECT count(*) FROM themes)           AS themes;
