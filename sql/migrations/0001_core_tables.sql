-- 0001_core_tables: the tables every run writes. Forward-only; never edit after release.
-- No foreign keys on purpose: they block delete-and-reload in one transaction (see README).

-- Raw archive: every fetched article page, gzip-compressed, so later runs can re-derive
-- everything without the network. Grain: one row per article (its latest version), keyed by
-- article_id so that the same article fetched from another host (the site has moved) is one row.
CREATE TABLE IF NOT EXISTS raw_pages (
    article_id        VARCHAR PRIMARY KEY,
    url               VARCHAR NOT NULL,
    fetched_at        TIMESTAMPTZ NOT NULL,
    http_status       INTEGER,
    encoding          VARCHAR,   -- the charset that decoded it
    declared_encoding VARCHAR,   -- the charset the server or page declared, if any
    content_hash      VARCHAR NOT NULL,  -- sha256 of the raw bytes
    html_gz           BLOB NOT NULL
);

-- Grain: one row per article (edition + issue date + counter).
CREATE TABLE IF NOT EXISTS articles (
    article_id    VARCHAR PRIMARY KEY,  -- zjsb:2020-12-23:1441
    url           VARCHAR NOT NULL,
    edition       VARCHAR NOT NULL,
    edition_name  VARCHAR,
    issue_date    DATE NOT NULL,
    page_no       VARCHAR,
    page_name     VARCHAR,
    seq           INTEGER,
    kicker        VARCHAR,
    title         VARCHAR NOT NULL,
    subtitle      VARCHAR,
    byline        VARCHAR,
    authors       VARCHAR[],
    captions      VARCHAR[],
    photo_credits VARCHAR[],
    body          VARCHAR,   -- body paragraphs only, newline-separated
    content       VARCHAR,   -- headline + body + captions: every offset refers to this text
    keywords      VARCHAR[],
    content_hash  VARCHAR NOT NULL,  -- sha256 of `content`: a change means the article was updated
    first_seen_at TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Grain: one row per sentence of an article (headline, subhead, body or caption).
CREATE TABLE IF NOT EXISTS sentences (
    article_id   VARCHAR NOT NULL,
    sentence_no  INTEGER NOT NULL,
    paragraph_no INTEGER NOT NULL,
    kind         VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    tokens       VARCHAR[] NOT NULL
);

-- Grain: one row per attributed speech.
CREATE TABLE IF NOT EXISTS speeches (
    article_id    VARCHAR NOT NULL,
    speech_no     INTEGER NOT NULL,
    paragraph_no  INTEGER NOT NULL,
    speaker       VARCHAR NOT NULL,
    title         VARCHAR,
    organization  VARCHAR,
    verb          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,  -- direct | indirect
    text          VARCHAR NOT NULL,
    start_offset  INTEGER NOT NULL,
    end_offset    INTEGER NOT NULL,
    resolved_from VARCHAR            -- pronoun or short form resolved to `speaker`
);

-- Grain: one row per number-with-unit occurrence.
CREATE TABLE IF NOT EXISTS metrics (
    article_id   VARCHAR NOT NULL,
    metric_no    INTEGER NOT NULL,
    paragraph_no INTEGER NOT NULL,
    value        DOUBLE NOT NULL,   -- as written, magnitude kept in the unit: 166.4 亿元
    value_low    DOUBLE,
    value_high   DOUBLE,
    qualifier    VARCHAR,           -- 约, 超过, 余 …
    unit         VARCHAR NOT NULL,
    base_value   DOUBLE,            -- in base_unit: 1.664e10 元
    base_unit    VARCHAR,
    object       VARCHAR,
    subject      VARCHAR,
    change       VARCHAR,           -- 同比增长 …
    text         VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    sentence     VARCHAR
);

-- The theme taxonomy, reloaded from tasks/core/data/themes.yaml on every run.
CREATE TABLE IF NOT EXISTS themes (
    theme_id    VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    parent      VARCHAR,
    description VARCHAR
);

CREATE TABLE IF NOT EXISTS theme_keywords (
    theme_id VARCHAR NOT NULL,
    keyword  VARCHAR NOT NULL
);

-- Grain: one row per flow run that wrote this database.
CREATE TABLE IF NOT EXISTS runs (
    run_id             VARCHAR PRIMARY KEY,
    flow               VARCHAR NOT NULL,
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ,
    status             VARCHAR NOT NULL,
    base_url           VARCHAR,
    date_from          DATE,
    date_to            DATE,
    issues             INTEGER,
    articles_new       INTEGER,
    articles_updated   INTEGER,
    articles_unchanged INTEGER,
    articles_failed    INTEGER,
    skipped            VARCHAR   -- JSON object: reason → count
);

-- Grain: one row per article that failed in a run; retried by the next run.
CREATE TABLE IF NOT EXISTS failed_articles (
    url       VARCHAR NOT NULL,
    run_id    VARCHAR NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL,
    reason    VARCHAR NOT NULL,
    detail    VARCHAR
);
