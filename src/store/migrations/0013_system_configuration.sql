-- Version 13: FusionAuth's System Configuration, one document for the whole instance.

-- Exactly one row (id = 1): the CHECK makes a second row impossible, whatever a caller does.
-- Every member of the FusionAuth object lives in `data`, so new fields need no migration.
CREATE TABLE system_configuration (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  data TEXT NOT NULL
);
