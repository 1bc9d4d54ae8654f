-- Rows of one table or view, labelled; store.row_counts joins one per catalog name.
SELECT '{label}' AS name, count(*) AS n FROM {name}
