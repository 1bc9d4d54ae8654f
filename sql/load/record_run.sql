-- One row per run, from the registered table b_run.
INSERT OR REPLACE INTO runs BY NAME SELECT * FROM b_run;
