-- Idempotent load of one batch. Expects registered Arrow tables b_articles, b_sentences,
-- b_speeches, b_metrics, b_sentence_themes, b_article_terms, b_org_statements (articles
-- deduplicated by article_id; the pages went to the archive first). Run inside one transaction.
CREATE OR REPLACE TEMP TABLE b_ids AS SELECT DISTINCT article_id FROM b_articles;

DELETE FROM sentences WHERE article_id IN (SELECT article_id FROM b_ids);
DELETE FROM speeches  WHERE article_id IN (SELECT article_id FROM b_ids);
DELETE FROM metrics   WHERE article_id IN (SELECT article_id FROM b_ids);
DELETE FROM sentence_themes WHERE article_id IN (SELECT article_id FROM b_ids);
DELETE FROM article_terms   WHERE article_id IN (SELECT article_id FROM b_ids);
DELETE FROM org_statements  WHERE article_id IN (SELECT article_id FROM b_ids);

-- An unchanged article keeps its timestamps, so a re-run leaves identical rows.
INSERT INTO articles BY NAME SELECT * FROM b_articles
ON CONFLICT (article_id) DO UPDATE SET
    url = excluded.url, edition = excluded.edition, edition_name = excluded.edition_name,
    issue_date = excluded.issue_date, page_no = excluded.page_no, page_name = excluded.page_name,
    seq = excluded.seq, kicker = excluded.kicker, title = excluded.title,
    subtitle = excluded.subtitle, byline = excluded.byline, authors = excluded.authors,
    captions = excluded.captions, photo_credits = excluded.photo_credits, body = excluded.body,
    content = excluded.content, keywords = excluded.keywords, template = excluded.template,
    updated_at = CASE WHEN articles.content_hash = excluded.content_hash
                      THEN articles.updated_at ELSE excluded.updated_at END,
    content_hash = excluded.content_hash;

INSERT INTO sentences BY NAME SELECT * FROM b_sentences;
INSERT INTO speeches  BY NAME SELECT * FROM b_speeches;
INSERT INTO metrics   BY NAME SELECT * FROM b_metrics;
INSERT INTO sentence_themes BY NAME SELECT * FROM b_sentence_themes;
INSERT INTO article_terms   BY NAME SELECT * FROM b_article_terms;
INSERT INTO org_statements  BY NAME SELECT * FROM b_org_statements;

-- Articles that loaded now are no longer failures to retry.
DELETE FROM failed_articles WHERE article_id IN (SELECT article_id FROM b_ids);
