-- Extraction yield of the last completed runs that processed articles: the baseline against
-- which the data-quality check spots a collapse.
SELECT articles, speeches, metrics
FROM runs
WHERE status = 'Completed' AND articles > 0
ORDER BY finished_at DESC
LIMIT 7;
