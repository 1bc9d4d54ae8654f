-- Issues (page_no '') and page indexes that could not be fetched, from b_issue_failures; issues
-- scraped in this chunk (b_scraped_issues) lose their old failures that did not recur.
DELETE FROM failed_issues AS f
WHERE (f.edition, f.issue_date) IN (SELECT (edition, issue_date) FROM b_scraped_issues)
  AND (f.edition, f.issue_date, f.page_no) NOT IN
      (SELECT (edition, issue_date, page_no) FROM b_issue_failures);
INSERT INTO failed_issues BY NAME
SELECT *, failed_at AS first_failed_at, 1 AS attempts, 1 >= $max_attempts AS quarantined
FROM b_issue_failures
ON CONFLICT (edition, issue_date, page_no) DO UPDATE SET
    url = excluded.url, run_id = excluded.run_id, failed_at = excluded.failed_at,
    reason = excluded.reason, detail = excluded.detail, attempts = failed_issues.attempts + 1,
    quarantined = failed_issues.attempts + 1 >= $max_attempts;
