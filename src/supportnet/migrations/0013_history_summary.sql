-- Two small summaries of the history, kept in step by the triggers below, so that
-- `review` and `report` over a long history read a few hundred rows instead of
-- counting hundreds of thousands.  Derived, like last_contact (0012): nothing writes
-- them by hand, exports leave them out, and they can always be rebuilt
-- (db.rebuild_derived).

-- Each person's first get-together: who was met for the first time in some dates is
-- a range of the index on the date, instead of a look-up of everyone's first.
CREATE TABLE first_contact (
    person_id INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    on_date   TEXT    NOT NULL    -- ISO date of the earliest get-together
);
CREATE INDEX first_contact_date ON first_contact (on_date);

INSERT INTO first_contact (person_id, on_date)
SELECT person_id, min(on_date) FROM attendance GROUP BY person_id;

-- A new attendance can only move the date earlier.
CREATE TRIGGER attendance_keeps_first_contact_on_insert
AFTER INSERT ON attendance
BEGIN
    INSERT INTO first_contact (person_id, on_date) VALUES (NEW.person_id, NEW.on_date)
    ON CONFLICT (person_id) DO UPDATE SET on_date = min(on_date, excluded.on_date);
END;

-- A removed attendance that was the person's first: their first is looked up again
-- (one index seek).  Any other removed one changes nothing.
CREATE TRIGGER attendance_keeps_first_contact_on_delete
AFTER DELETE ON attendance
WHEN EXISTS (SELECT 1 FROM first_contact c
             WHERE c.person_id = OLD.person_id AND c.on_date = OLD.on_date)
BEGIN
    DELETE FROM first_contact WHERE person_id = OLD.person_id;
    INSERT INTO first_contact (person_id, on_date)
    SELECT OLD.person_id, earliest
    FROM (SELECT min(a.on_date) AS earliest FROM attendance a
          WHERE a.person_id = OLD.person_id)
    WHERE earliest IS NOT NULL
        AND EXISTS (SELECT 1 FROM person p WHERE p.id = OLD.person_id);
END;

CREATE TRIGGER attendance_keeps_first_contact_on_update
AFTER UPDATE OF person_id, on_date ON attendance
BEGIN
    DELETE FROM first_contact WHERE person_id IN (OLD.person_id, NEW.person_id);
    INSERT INTO first_contact (person_id, on_date)
    SELECT who, earliest
    FROM (SELECT who,
                 (SELECT min(a.on_date) FROM attendance a WHERE a.person_id = who) AS earliest
          FROM (SELECT OLD.person_id AS who UNION SELECT NEW.person_id))
    WHERE earliest IS NOT NULL;
END;

-- How many get-togethers each day holds, and how many of them in person (days with
-- none have no row): the calendar of contact and the review's counts add up a row a
-- day rather than counting every get-together.
CREATE TABLE gettogether_day (
    on_date      TEXT    NOT NULL PRIMARY KEY,   -- ISO date
    gettogethers INTEGER NOT NULL CHECK (gettogethers > 0),
    in_person    INTEGER NOT NULL CHECK (in_person >= 0)
) WITHOUT ROWID;

INSERT INTO gettogether_day (on_date, gettogethers, in_person)
SELECT on_date, count(*), sum(in_person) FROM gettogether GROUP BY on_date;

CREATE TRIGGER gettogether_keeps_day_on_insert
AFTER INSERT ON gettogether
BEGIN
    INSERT INTO gettogether_day (on_date, gettogethers, in_person)
    VALUES (NEW.on_date, 1, NEW.in_person)
    ON CONFLICT (on_date) DO UPDATE SET
        gettogethers = gettogethers + 1, in_person = in_person + excluded.in_person;
END;

CREATE TRIGGER gettogether_keeps_day_on_delete
AFTER DELETE ON gettogether
BEGIN
    DELETE FROM gettogether_day WHERE on_date = OLD.on_date AND gettogethers = 1;
    UPDATE gettogether_day
    SET gettogethers = gettogethers - 1, in_person = in_person - OLD.in_person
    WHERE on_date = OLD.on_date;
END;

-- A get-together moved to another day, or changed between in person and online: out
-- of the day it was in, into the day it is in.
CREATE TRIGGER gettogether_keeps_day_on_update
AFTER UPDATE OF on_date, in_person ON gettogether
BEGIN
    DELETE FROM gettogether_day WHERE on_date = OLD.on_date AND gettogethers = 1;
    UPDATE gettogether_day
    SET gettogethers = gettogethers - 1, in_person = in_person - OLD.in_person
    WHERE on_date = OLD.on_date;
    INSERT INTO gettogether_day (on_date, gettogethers, in_person)
    VALUES (NEW.on_date, 1, NEW.in_person)
    ON CONFLICT (on_date) DO UPDATE SET
        gettogethers = gettogethers + 1, in_person = in_person + excluded.in_person;
END;
