-- Articles that failed before and are not quarantined: retried by the next run.
SELECT article_id, edition, issue_date, url FROM failed_articles WHERE NOT quarantined ORDER BY article_id;
