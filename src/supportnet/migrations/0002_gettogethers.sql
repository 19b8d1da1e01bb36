-- Get-togethers, who knows whom, regular plans and communities.
CREATE TABLE community (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT    NOT NULL,
    rrule       TEXT,                  -- RFC 5545 RRULE of its meetings, without DTSTART
    starts_on   TEXT,                  -- ISO date: DTSTART of the schedule
    at_time     TEXT,                  -- HH:MM, local wall-clock time
    timezone    TEXT,                  -- IANA name; NULL: floating local time
    place       TEXT,
    note        TEXT,
    i_am_member INTEGER NOT NULL DEFAULT 1 CHECK (i_am_member IN (0, 1)),
    added_on    TEXT    NOT NULL,
    archived_on TEXT
);

CREATE TABLE community_member (
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (community_id, person_id)
) WITHOUT ROWID;
CREATE INDEX community_member_person ON community_member (person_id);

CREATE TABLE plan (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind             TEXT    NOT NULL,
    rrule            TEXT    NOT NULL,  -- RFC 5545 RRULE, without DTSTART
    starts_on        TEXT    NOT NULL,  -- ISO date: DTSTART
    at_time          TEXT,              -- HH:MM, local wall-clock time
    timezone         TEXT,              -- IANA name; NULL: floating local time
    until_on         TEXT,              -- ISO date, inclusive
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
    in_person        INTEGER NOT NULL DEFAULT 1 CHECK (in_person IN (0, 1)),
    place            TEXT,
    note             TEXT,
    status           TEXT    NOT NULL DEFAULT 'active'
                         CHECK (status IN ('active', 'paused', 'ended')),
    ended_on         TEXT,
    added_on         TEXT    NOT NULL
);

CREATE TABLE plan_member (
    plan_id   INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    PRIMARY KEY (plan_id, person_id)
) WITHOUT ROWID;
CREATE INDEX plan_member_person ON plan_member (person_id);

CREATE TABLE gettogether (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    what             TEXT,
    kind             TEXT    NOT NULL,
    on_date          TEXT    NOT NULL,  -- ISO date
    at_time          TEXT,              -- HH:MM, optional
    in_person        INTEGER NOT NULL CHECK (in_person IN (0, 1)),
    place            TEXT,
    note             TEXT,
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
    community_id     INTEGER REFERENCES community (id) ON DELETE SET NULL,
    plan_id          INTEGER REFERENCES plan (id) ON DELETE SET NULL,
    logged_at        TEXT    NOT NULL   -- UTC ISO timestamp of the logging
);
CREATE INDEX gettogether_date ON gettogether (on_date);
CREATE INDEX gettogether_community ON gettogether (community_id, on_date);
CREATE INDEX gettogether_plan ON gettogether (plan_id);

-- One row per person at a get-together.  on_date and in_person copy the
-- get-together's (kept in step by the trigger below) so that "last contact" and
-- "contact in a window" are index look-ups keyed by person and date.
CREATE TABLE attendance (
    gettogether_id INTEGER NOT NULL REFERENCES gettogether (id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    on_date        TEXT    NOT NULL,
    in_person      INTEGER NOT NULL CHECK (in_person IN (0, 1)),
    PRIMARY KEY (gettogether_id, person_id)
) WITHOUT ROWID;
CREATE INDEX attendance_person_date ON attendance (person_id, on_date, in_person);

CREATE TRIGGER gettogether_keeps_attendance_in_step
AFTER UPDATE OF on_date, in_person ON gettogether
BEGIN
    UPDATE attendance SET on_date = NEW.on_date, in_person = NEW.in_person
    WHERE gettogether_id = NEW.id;
END;

CREATE TABLE plan_occurrence (
    plan_id        INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    on_date        TEXT    NOT NULL,    -- the occurrence's date
    status         TEXT    NOT NULL CHECK (status IN ('done', 'skipped')),
    gettogether_id INTEGER REFERENCES gettogether (id) ON DELETE SET NULL,
    PRIMARY KEY (plan_id, on_date)
) WITHOUT ROWID;

-- People who know each other, recorded explicitly (`supportnet know A B`).
-- Knowing each other is also inferred from shared get-togethers.
CREATE TABLE acquaintance (
    person_a INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    person_b INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    added_on TEXT    NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
) WITHOUT ROWID;
CREATE INDEX acquaintance_b ON acquaintance (person_b);
