-- The people in your life.
CREATE TABLE person (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    name           TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    circle         TEXT    NOT NULL CHECK (circle IN
                       ('inner', 'close', 'friend', 'acquaintance', 'prospect', 'professional')),
    cadence_days   INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0), -- NULL: the circle's
    birthday_month INTEGER CHECK (birthday_month IS NULL OR birthday_month BETWEEN 1 AND 12),
    birthday_day   INTEGER CHECK (birthday_day IS NULL OR birthday_day BETWEEN 1 AND 31),
    birthday_year  INTEGER,                                   -- NULL when unknown
    how_met        TEXT,
    note           TEXT,
    added_on       TEXT    NOT NULL,                          -- ISO date
    archived_on    TEXT                                       -- ISO date; NULL while active
);
CREATE INDEX person_circle ON person (circle);

CREATE TABLE person_nickname (
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    nickname  TEXT    NOT NULL,
    PRIMARY KEY (person_id, nickname)
) WITHOUT ROWID;

CREATE TABLE person_tag (
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL,
    PRIMARY KEY (person_id, tag)
) WITHOUT ROWID;
CREATE INDEX person_tag_tag ON person_tag (tag);

CREATE TABLE person_contact (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL CHECK (kind IN ('phone', 'email')),
    value     TEXT    NOT NULL,
    UNIQUE (person_id, kind, value)
);
CREATE INDEX person_contact_value ON person_contact (kind, value);
