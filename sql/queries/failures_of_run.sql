-- What a run failed (articles, then issues and pages), with attempts and quarantine, for its report.
SELECT 'article' AS kind, url, reason, detail, attempts, quarantined
FROM failed_articles WHERE run_id = $run_id
UNION ALL
SELECT 'issue', url, reason, detail, attempts, quarantined
FROM failed_issues WHERE run_id = $run_id
ORDER BY kind, url;
