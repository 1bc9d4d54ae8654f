-- Everything quarantined (no longer retried, never a reason to withhold a publish): listed in
-- every run's report until someone looks at it.
SELECT 'article' AS kind, url, reason, detail, attempts, quarantined FROM failed_articles WHERE quarantined
UNION ALL
SELECT 'issue', url, reason, detail, attempts, quarantined FROM failed_issues WHERE quarantined
ORDER BY kind, url;
