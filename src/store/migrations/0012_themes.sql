-- Version 12: themes of the hosted pages (FusionAuth's Theme API).

-- A FusionAuth Theme document (name, stylesheet, templates, messages) in `data`. Names are
-- unique ignoring case, as tenant names are. FusionAuth's built-in theme is not a row: it is
-- part of the binary (services/themes/default_theme.cpp) and can be neither changed nor deleted.
CREATE TABLE themes (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  name_lower TEXT NOT NULL UNIQUE,
  data       TEXT NOT NULL
);
