-- For each two people who were at a get-together together: how many they shared and
-- the latest, once from each side, kept in step with attendance by the triggers
-- below.  `show NAME` lists who someone knows from one range of this table instead of
-- pairing every get-together of theirs with everyone else at it (200,000 rows for
-- someone with 160,000 get-togethers).  Derived, like last_contact (0012): nothing
-- writes it by hand, exports leave it out, and it can always be rebuilt
-- (db.rebuild_derived).
CREATE TABLE together (
    person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    other_id     INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    gettogethers INTEGER NOT NULL CHECK (gettogethers > 0),
    last_on      TEXT    NOT NULL,   -- ISO date of the latest they shared
    PRIMARY KEY (person_id, other_id)
) WITHOUT ROWID;

INSERT INTO together (person_id, other_id, gettogethers, last_on)
SELECT a.person_id, b.person_id, count(*), max(a.on_date)
FROM attendance a JOIN attendance b
    ON b.gettogether_id = a.gettogether_id AND b.person_id != a.person_id
GROUP BY a.person_id, b.person_id;

-- A new attendance: one more shared with each of the others there, from both sides.
CREATE TRIGGER attendance_keeps_together_on_insert
AFTER INSERT ON attendance
BEGIN
    INSERT INTO together (person_id, other_id, gettogethers, last_on)
    SELECT x, y, 1, NEW.on_date FROM (
        SELECT NEW.person_id AS x, b.person_id AS y FROM attendance b
        WHERE b.gettogether_id = NEW.gettogether_id AND b.person_id != NEW.person_id
        UNION ALL SELECT b.person_id, NEW.person_id FROM attendance b
        WHERE b.gettogether_id = NEW.gettogether_id AND b.person_id != NEW.person_id)
    WHERE true  -- (an upsert's SELECT needs a WHERE: see SQLite's "parsing ambiguity")
    ON CONFLICT (person_id, other_id) DO UPDATE SET
        gettogethers = gettogethers + 1, last_on = max(last_on, excluded.last_on);
END;

-- A removed attendance: one fewer shared with each of the others still there (a pair
-- with none left goes), and where it was the latest they shared, their latest is
-- looked up again: one side's get-togethers from the newest, to the first shared.
-- Every pair is found by its key, (person_id, other_id), from either side.
CREATE TRIGGER attendance_keeps_together_on_delete
AFTER DELETE ON attendance
BEGIN
    DELETE FROM together WHERE gettogethers = 1 AND (person_id, other_id) IN (
        SELECT OLD.person_id, b.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id != OLD.person_id
        UNION ALL SELECT b.person_id, OLD.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id != OLD.person_id);
    UPDATE together SET gettogethers = gettogethers - 1 WHERE (person_id, other_id) IN (
        SELECT OLD.person_id, b.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id != OLD.person_id
        UNION ALL SELECT b.person_id, OLD.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id != OLD.person_id);
    UPDATE together SET last_on = (
        SELECT x.on_date FROM attendance x WHERE x.person_id = together.person_id
            AND EXISTS (SELECT 1 FROM attendance y WHERE y.gettogether_id = x.gettogether_id
                AND y.person_id = together.other_id)
        ORDER BY x.on_date DESC LIMIT 1)
    WHERE last_on = OLD.on_date AND (person_id, other_id) IN (
        SELECT OLD.person_id, b.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id != OLD.person_id
        UNION ALL SELECT b.person_id, OLD.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id != OLD.person_id);
END;

-- A changed attendance (moved to another person by a merge, or to another date): out
-- of the pairs it was in, as a removal, into the pairs it is in, as a new one.  The
-- row as it is now is not one of the others it was with.
CREATE TRIGGER attendance_keeps_together_on_update
AFTER UPDATE OF gettogether_id, person_id, on_date ON attendance
BEGIN
    DELETE FROM together WHERE gettogethers = 1 AND (person_id, other_id) IN (
        SELECT OLD.person_id, b.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id NOT IN (OLD.person_id, NEW.person_id)
        UNION ALL SELECT b.person_id, OLD.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id NOT IN (OLD.person_id, NEW.person_id));
    UPDATE together SET gettogethers = gettogethers - 1 WHERE (person_id, other_id) IN (
        SELECT OLD.person_id, b.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id NOT IN (OLD.person_id, NEW.person_id)
        UNION ALL SELECT b.person_id, OLD.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id NOT IN (OLD.person_id, NEW.person_id));
    UPDATE together SET last_on = (
        SELECT x.on_date FROM attendance x WHERE x.person_id = together.person_id
            AND EXISTS (SELECT 1 FROM attendance y WHERE y.gettogether_id = x.gettogether_id
                AND y.person_id = together.other_id)
        ORDER BY x.on_date DESC LIMIT 1)
    WHERE last_on = OLD.on_date AND (person_id, other_id) IN (
        SELECT OLD.person_id, b.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id NOT IN (OLD.person_id, NEW.person_id)
        UNION ALL SELECT b.person_id, OLD.person_id FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id NOT IN (OLD.person_id, NEW.person_id));
    INSERT INTO together (person_id, other_id, gettogethers, last_on)
    SELECT x, y, 1, NEW.on_date FROM (
        SELECT NEW.person_id AS x, b.person_id AS y FROM attendance b
        WHERE b.gettogether_id = NEW.gettogether_id AND b.person_id != NEW.person_id
        UNION ALL SELECT b.person_id, NEW.person_id FROM attendance b
        WHERE b.gettogether_id = NEW.gettogether_id AND b.person_id != NEW.person_id)
    WHERE true  -- (an upsert's SELECT needs a WHERE: see SQLite's "parsing ambiguity")
    ON CONFLICT (person_id, other_id) DO UPDATE SET
        gettogethers = gettogethers + 1, last_on = max(last_on, excluded.last_on);
END;
