-- Reload the taxonomy from the registered tables b_themes and b_theme_keywords.
DELETE FROM theme_keywords;
DELETE FROM themes;
INSERT INTO themes BY NAME SELECT * FROM b_themes;
INSERT INTO theme_keywords BY NAME SELECT DISTINCT * FROM b_theme_keywords;
