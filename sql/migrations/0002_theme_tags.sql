-- 0002_theme_tags: theme tags materialised at load time (and by `pearl retag`), so that the
-- theme views are plain GROUP BYs; keyword kinds for exclusions. Forward-only.

-- Grain: one row per (sentence, theme) where the sentence matches the theme.
CREATE TABLE IF NOT EXISTS sentence_themes (
    article_id  VARCHAR NOT NULL,
    sentence_no INTEGER NOT NULL,
    theme_id    VARCHAR NOT NULL,
    keywords    VARCHAR[] NOT NULL   -- the keywords or phrases that matched
);

-- Grain: one row per (article, content word): feeds the emerging-terms view.
CREATE TABLE IF NOT EXISTS article_terms (
    article_id VARCHAR NOT NULL,
    term       VARCHAR NOT NULL,
    n          INTEGER NOT NULL
);

-- keyword: counts for the theme; exclude: a sentence containing it does not count.
ALTER TABLE theme_keywords ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'keyword';

DROP VIEW IF EXISTS theme_mentions_monthly;
DROP VIEW IF EXISTS theme_mentions;
