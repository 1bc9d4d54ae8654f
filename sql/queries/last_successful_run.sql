-- The last issue date covered by a completed run against a base URL: "new since" starts here.
SELECT max(date_to) FROM runs WHERE status = 'Completed' AND base_url = ?;
