-- Replace the people of the names in b_names with the registered b_speakers, b_speaker_titles
-- and b_speech_speakers, in one transaction; everyone else is left as it was.
CREATE OR REPLACE TEMP TABLE b_old_ids AS
SELECT speaker_id FROM speakers WHERE name IN (SELECT name FROM b_names);
DELETE FROM speaker_titles WHERE speaker_id IN (SELECT speaker_id FROM b_old_ids);
DELETE FROM speech_speakers WHERE speaker_id IN (SELECT speaker_id FROM b_old_ids);
DELETE FROM speakers WHERE speaker_id IN (SELECT speaker_id FROM b_old_ids);
INSERT INTO speakers BY NAME SELECT * FROM b_speakers;
INSERT INTO speaker_titles BY NAME SELECT * FROM b_speaker_titles;
INSERT INTO speech_speakers BY NAME SELECT * FROM b_speech_speakers;
