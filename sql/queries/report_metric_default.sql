-- The figure the report follows: the given object (or, when none is given, the level quoted in
-- the most years and articles), in the unit it is most often quoted in. Rates of change are left
-- out: they are not levels. Parameters: the object twice (NULL for the default).
SELECT object, base_unit
FROM metric_series_yearly
WHERE NOT is_change AND subject <> '' AND (CAST(? AS VARCHAR) IS NULL OR object = ?)
GROUP BY object, base_unit
ORDER BY count(DISTINCT year) DESC, sum(articles) DESC, object, base_unit
LIMIT 1;
