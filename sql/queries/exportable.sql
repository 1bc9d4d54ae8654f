-- The names `pearl export` accepts: every table and view of the database.
SELECT table_name FROM information_schema.tables WHERE table_schema = 'main';
