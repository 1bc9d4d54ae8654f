-- Issues with a front page or page index that could not be fetched, not quarantined: re-scraped.
SELECT DISTINCT edition, issue_date FROM failed_issues WHERE NOT quarantined ORDER BY ALL;
