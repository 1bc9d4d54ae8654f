-- 0003_run_quality: what the data-quality checks need from past runs, and what they found.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS articles INTEGER;   -- articles processed by the run
ALTER TABLE runs ADD COLUMN IF NOT EXISTS speeches INTEGER;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS metrics INTEGER;
ALTER TABLE runs ADD COLUMN IF NOT EXISTS warnings VARCHAR;   -- JSON object: reason → count
ALTER TABLE runs ADD COLUMN IF NOT EXISTS failure VARCHAR;    -- why a failed run failed
