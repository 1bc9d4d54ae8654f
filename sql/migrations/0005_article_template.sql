-- 0005_article_template: which page template each article was read from (site.TEMPLATES:
-- classic, responsive, cms-comment, …). A redesign shows here as a new value before it can
-- become loss; NULL for articles loaded before this migration.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS template VARCHAR;
