-- Replace the derived speaker tables with the registered b_speakers, b_speaker_titles and
-- b_speech_speakers, in one transaction.
DELETE FROM speakers;
DELETE FROM speaker_titles;
DELETE FROM speech_speakers;
INSERT INTO speakers BY NAME SELECT * FROM b_speakers;
INSERT INTO speaker_titles BY NAME SELECT * FROM b_speaker_titles;
INSERT INTO speech_speakers BY NAME SELECT * FROM b_speech_speakers;
