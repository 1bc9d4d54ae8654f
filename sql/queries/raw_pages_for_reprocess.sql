-- The raw archive, for re-deriving every article without the network (`pearl reprocess`).
SELECT article_id, url, fetched_at, http_status, encoding, declared_encoding, content_hash, html_gz
FROM raw_pages
ORDER BY article_id;
