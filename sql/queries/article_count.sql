-- How many articles the database holds.
SELECT count(*) FROM articles;
