-- Copy the rows of {table} from the attached database src {copies} times, each copy under new
-- article ids (article_id#i): the size benchmark's 10,000 articles from a replica run's rows.
INSERT INTO {table} BY NAME
SELECT t.* REPLACE (t.article_id || '#' || r.i AS article_id)
FROM src.{table} AS t, range({copies}) AS r(i);
