-- Who spoke about one theme and when: every speech with the title its speaker held that day.
SELECT issue_date, speaker_id, speaker_label, title, text, article_title, url
FROM theme_speeches
WHERE theme_id = ?
ORDER BY issue_date, article_id, speech_no;
