-- How many issues (edition and day) the stored articles come from.
SELECT count(DISTINCT (edition, issue_date)) FROM articles;
