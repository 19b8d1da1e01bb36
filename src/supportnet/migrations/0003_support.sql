-- Favors given and received, and the life events of your people.
CREATE TABLE favor (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    what      TEXT NOT NULL CHECK (length(trim(what)) > 0),
    kind      TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('given', 'received')),
    on_date   TEXT NOT NULL,            -- ISO date
    note      TEXT,
    logged_at TEXT NOT NULL             -- UTC ISO timestamp
);
CREATE INDEX favor_date ON favor (on_date);

-- direction and on_date copy the favor's (kept in step by the trigger) so that
-- "last favor each way per person" is an index look-up.
CREATE TABLE favor_person (
    favor_id  INTEGER NOT NULL REFERENCES favor (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    direction TEXT    NOT NULL CHECK (direction IN ('given', 'received')),
    on_date   TEXT    NOT NULL,
    PRIMARY KEY (favor_id, person_id)
) WITHOUT ROWID;
CREATE INDEX favor_person_person ON favor_person (person_id, direction, on_date);

CREATE TRIGGER favor_keeps_favor_person_in_step
AFTER UPDATE OF on_date, direction ON favor
BEGIN
    UPDATE favor_person SET on_date = NEW.on_date, direction = NEW.direction
    WHERE favor_id = NEW.id;
END;

CREATE TABLE life_event (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    what      TEXT    NOT NULL CHECK (length(trim(what)) > 0),
    kind      TEXT    NOT NULL,
    tone      TEXT    NOT NULL CHECK (tone IN ('hard', 'happy', 'neutral')),
    on_date   TEXT,                     -- ISO date; NULL when not known
    yearly    INTEGER NOT NULL DEFAULT 0 CHECK (yearly IN (0, 1)), -- comes round every year
    note      TEXT,
    logged_at TEXT    NOT NULL          -- UTC ISO timestamp
);
CREATE INDEX life_event_person ON life_event (person_id, on_date);
CREATE INDEX life_event_date ON life_event (on_date);
