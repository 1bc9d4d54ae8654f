-- 0004_speakers_statements: statements of bodies kept apart from speeches; people across
-- articles (speakers, their title history, and which speech is whose); metrics quoted in a
-- speech point to it. Forward-only.

-- Grain: one row per statement of a body (会议指出, 纲要提出, 桂城提出).
CREATE TABLE IF NOT EXISTS org_statements (
    article_id   VARCHAR NOT NULL,
    statement_no INTEGER NOT NULL,
    paragraph_no INTEGER NOT NULL,
    body         VARCHAR NOT NULL,
    verb         VARCHAR NOT NULL,
    text         VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL
);

-- Grain: one row per person (derived from all speeches after every load; see README for the
-- rule that decides when two mentions are the same person).
CREATE TABLE IF NOT EXISTS speakers (
    speaker_id    VARCHAR PRIMARY KEY,   -- 岑灼雄@桂城; role-only speakers: 相关负责人@<article>
    name          VARCHAR NOT NULL,
    titles        VARCHAR[] NOT NULL,
    organizations VARCHAR[] NOT NULL,
    first_seen    DATE,
    last_seen     DATE,
    speeches      INTEGER NOT NULL,
    articles      INTEGER NOT NULL
);

-- Grain: one row per (person, title): the title history.
CREATE TABLE IF NOT EXISTS speaker_titles (
    speaker_id VARCHAR NOT NULL,
    title      VARCHAR NOT NULL,
    first_seen DATE,
    last_seen  DATE,
    speeches   INTEGER NOT NULL
);

-- Grain: one row per speech: whose it is.
CREATE TABLE IF NOT EXISTS speech_speakers (
    article_id VARCHAR NOT NULL,
    speech_no  INTEGER NOT NULL,
    speaker_id VARCHAR NOT NULL
);

ALTER TABLE metrics ADD COLUMN IF NOT EXISTS speech_no INTEGER;  -- the speech it is quoted in
