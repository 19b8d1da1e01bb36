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

-- For each two people who were at a get-together together: how many, and the latest
-- (the smaller id first, as in acquaintance).  `show NAME` lists everyone a person
-- knows with these, a range of this table instead of joining each of their
-- get-togethers to everyone else who was there.
CREATE TABLE pair_together (
    person_a INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    person_b INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    together INTEGER NOT NULL CHECK (together > 0),
    last_on  TEXT    NOT NULL,    -- ISO date of the latest get-together of both
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
) WITHOUT ROWID;
CREATE INDEX pair_together_b ON pair_together (person_b, together, last_on);

INSERT INTO pair_together (person_a, person_b, together, last_on)
SELECT a.person_id, b.person_id, count(*), max(a.on_date)
FROM attendance a JOIN attendance b
    ON b.gettogether_id = a.gettogether_id AND b.person_id > a.person_id
GROUP BY a.person_id, b.person_id;

-- Someone more at a get-together: one more with each of the others there.
CREATE TRIGGER attendance_keeps_pairs_on_insert
AFTER INSERT ON attendance
BEGIN
    INSERT INTO pair_together (person_a, person_b, together, last_on)
    SELECT min(NEW.person_id, o.person_id), max(NEW.person_id, o.person_id), 1, NEW.on_date
    FROM attendance o
    WHERE o.gettogether_id = NEW.gettogether_id AND o.person_id != NEW.person_id
    ON CONFLICT (person_a, person_b) DO UPDATE SET
        together = together + 1, last_on = max(last_on, excluded.last_on);
END;

-- Someone less at a get-together: one fewer with each of the others there; when it
-- was the latest of a pair, their latest is found again, reading back from the
-- newest of the person's get-togethers to the first one the other was at too.
CREATE TRIGGER attendance_keeps_pairs_on_delete
AFTER DELETE ON attendance
BEGIN
    DELETE FROM pair_together WHERE together = 1 AND (person_a, person_b) IN (
        SELECT min(OLD.person_id, o.person_id), max(OLD.person_id, o.person_id)
        FROM attendance o
        WHERE o.gettogether_id = OLD.gettogether_id AND o.person_id != OLD.person_id);
    UPDATE pair_together SET together = together - 1, last_on = CASE
        WHEN last_on > OLD.on_date THEN last_on
        ELSE (SELECT x.on_date FROM attendance x
              WHERE x.person_id = OLD.person_id AND EXISTS (
                  SELECT 1 FROM attendance y WHERE y.gettogether_id = x.gettogether_id
                  AND y.person_id = person_a + person_b - OLD.person_id)
              ORDER BY x.on_date DESC LIMIT 1)
        END
    WHERE (person_a, person_b) IN (
        SELECT min(OLD.person_id, o.person_id), max(OLD.person_id, o.person_id)
        FROM attendance o
        WHERE o.gettogether_id = OLD.gettogether_id AND o.person_id != OLD.person_id);
END;

-- Attendance moved to another person (a merge) or another day (its get-together's
-- date edited): out of the pairs it was in, as a removal, then into the ones it is
-- in, as an addition.
CREATE TRIGGER attendance_keeps_pairs_on_update
AFTER UPDATE OF gettogether_id, person_id, on_date ON attendance
WHEN OLD.gettogether_id != NEW.gettogether_id OR OLD.person_id != NEW.person_id
    OR OLD.on_date != NEW.on_date
BEGIN
    DELETE FROM pair_together WHERE together = 1 AND (person_a, person_b) IN (
        SELECT min(OLD.person_id, o.person_id), max(OLD.person_id, o.person_id)
        FROM attendance o
        WHERE o.gettogether_id = OLD.gettogether_id
            AND o.person_id NOT IN (OLD.person_id, NEW.person_id));
    UPDATE pair_together SET together = together - 1, last_on = CASE
        WHEN last_on > OLD.on_date THEN last_on
        ELSE (SELECT x.on_date FROM attendance x
              WHERE x.person_id = OLD.person_id AND EXISTS (
                  SELECT 1 FROM attendance y WHERE y.gettogether_id = x.gettogether_id
                  AND y.person_id = person_a + person_b - OLD.person_id)
              ORDER BY x.on_date DESC LIMIT 1)
        END
    WHERE (person_a, person_b) IN (
        SELECT min(OLD.person_id, o.person_id), max(OLD.person_id, o.person_id)
        FROM attendance o
        WHERE o.gettogether_id = OLD.gettogether_id
            AND o.person_id NOT IN (OLD.person_id, NEW.person_id));
    INSERT INTO pair_together (person_a, person_b, together, last_on)
    SELECT min(NEW.person_id, o.person_id), max(NEW.person_id, o.person_id), 1, NEW.on_date
    FROM attendance o
    WHERE o.gettogether_id = NEW.gettogether_id AND o.person_id != NEW.person_id
    ON CONFLICT (person_a, person_b) DO UPDATE SET
        together = together + 1, last_on = max(last_on, excluded.last_on);
END;
