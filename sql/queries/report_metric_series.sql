-- One figure (object, base unit) followed across years, per subject (town or body): median,
-- range and number of quotations.
SELECT subject, base_unit, year, quoted, min_value, median_value, max_value
FROM metric_series_yearly
WHERE object = ? AND base_unit = ? AND NOT is_change AND subject <> ''
ORDER BY subject, year;
