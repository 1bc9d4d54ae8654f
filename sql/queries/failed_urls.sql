-- Articles that failed before and are retried by the next run.
SELECT DISTINCT url FROM failed_articles;
