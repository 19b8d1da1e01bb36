-- Check-ins (docs/check-ins.md): short self-reports over time, with supportnet's own
-- questions or a measure loaded from a TOML file; how often one is hoped for; and how
-- much a get-together was expected to be enjoyed, and how it felt.

-- A measure loaded with `supportnet check-in add-measure FILE.toml`: its definition is
-- kept as the file's text, as it was validated.  supportnet's own check-in is built in
-- and has no row.  A measure with check-ins is never deleted: `remove-measure` retires
-- it (removed_on), and loading a new version of it retires the old one, so every
-- check-in stays scored by the definition it was answered with.
CREATE TABLE measure (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL CHECK (length(trim(name)) > 0), -- what --measure names
    title      TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    definition TEXT    NOT NULL,        -- the TOML text
    added_on   TEXT    NOT NULL,        -- ISO date
    removed_on TEXT                     -- ISO date; NULL while in use
);
CREATE UNIQUE INDEX measure_name ON measure (name) WHERE removed_on IS NULL;

-- One check-in: the day it is about, and when it was recorded.
CREATE TABLE check_in (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    measure_id INTEGER REFERENCES measure (id) ON DELETE CASCADE, -- NULL: supportnet's own
    on_date    TEXT    NOT NULL,        -- ISO date
    logged_at  TEXT    NOT NULL         -- UTC ISO timestamp
);
CREATE INDEX check_in_date ON check_in (on_date);
CREATE INDEX check_in_measure ON check_in (measure_id, on_date);

-- The value of the option chosen for each item (counting from 1), as the definition
-- gives it: reverse scoring is applied when scoring, never stored.
CREATE TABLE check_in_answer (
    check_in_id INTEGER NOT NULL REFERENCES check_in (id) ON DELETE CASCADE,
    item        INTEGER NOT NULL CHECK (item > 0),
    value       INTEGER NOT NULL,
    PRIMARY KEY (check_in_id, item)
) WITHOUT ROWID;

-- How often a check-in of a measure is hoped for (`check-in --every week`), by the
-- measure's name ('connection': supportnet's own); and until when its note in the
-- nudge and `today` waits (`check-in snooze`).
CREATE TABLE check_in_cadence (
    measure       TEXT    NOT NULL PRIMARY KEY,
    every_days    INTEGER NOT NULL CHECK (every_days > 0),
    set_on        TEXT    NOT NULL,     -- ISO date
    back_on       TEXT                  -- ISO date: the due note is back that day; NULL: none
) WITHOUT ROWID;

-- How much you expected to enjoy a plan's get-togethers (`plan ... --expect 1-5`).
CREATE TABLE plan_expectation (
    plan_id  INTEGER NOT NULL PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,
    expected INTEGER NOT NULL CHECK (expected BETWEEN 1 AND 5)
) WITHOUT ROWID;

-- How a get-together felt (`log ... --felt 1-5`, `done PLAN --felt 1-5`), and what was
-- expected of it (the plan's expectation when it was done).
CREATE TABLE gettogether_feeling (
    gettogether_id INTEGER NOT NULL PRIMARY KEY REFERENCES gettogether (id) ON DELETE CASCADE,
    expected       INTEGER CHECK (expected BETWEEN 1 AND 5),
    felt           INTEGER CHECK (felt BETWEEN 1 AND 5),
    CHECK (expected IS NOT NULL OR felt IS NOT NULL)
) WITHOUT ROWID;
