-- Who was at how many get-togethers with whom, and the latest of them: a row per pair
-- (the smaller id first), kept in step by the triggers below, so that `show NAME` of
-- someone with 160,000 get-togethers reads the few thousand people they were with
-- instead of every one of those get-togethers and everyone at each.  Derived, like
-- last_contact (0012) and 0013's summaries: nothing writes it by hand, exports leave
-- it out, and it can always be rebuilt (db.rebuild_derived).
CREATE TABLE pair_contact (
    person_a INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    person_b INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    together INTEGER NOT NULL CHECK (together > 0),   -- get-togethers both were at
    last_on  TEXT    NOT NULL,                        -- ISO date of the latest of them
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
) WITHOUT ROWID;
CREATE INDEX pair_contact_b ON pair_contact (person_b, person_a);

INSERT INTO pair_contact (person_a, person_b, together, last_on)
SELECT a.person_id, b.person_id, count(*), max(a.on_date)
FROM attendance a JOIN attendance b
    ON b.gettogether_id = a.gettogether_id AND b.person_id > a.person_id
GROUP BY a.person_id, b.person_id;

-- Someone joins a get-together: each pair of them with another one there counts it.
CREATE TRIGGER attendance_keeps_pair_contact_on_insert
AFTER INSERT ON attendance
BEGIN
    INSERT INTO pair_contact (person_a, person_b, together, last_on)
    SELECT min(NEW.person_id, b.person_id), max(NEW.person_id, b.person_id), 1, NEW.on_date
    FROM attendance b
    WHERE b.gettogether_id = NEW.gettogether_id AND b.person_id != NEW.person_id
    ON CONFLICT (person_a, person_b) DO UPDATE SET
        together = together + 1, last_on = max(last_on, excluded.last_on);
END;

-- Someone leaves one (or it is removed): each of their pairs with those still there
-- counts one fewer, and a pair whose latest it was looks for the one before, walking
-- back through the leaver's get-togethers from that date (by the index on person and
-- date; it stops at the first shared one).  A pair with none left goes.
CREATE TRIGGER attendance_keeps_pair_contact_on_delete
AFTER DELETE ON attendance
BEGIN
    DELETE FROM pair_contact WHERE together = 1 AND (person_a, person_b) IN (
        SELECT min(OLD.person_id, b.person_id), max(OLD.person_id, b.person_id)
        FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id != OLD.person_id);
    UPDATE pair_contact SET
        together = together - 1,
        last_on = CASE WHEN last_on > OLD.on_date THEN last_on ELSE coalesce(
            (SELECT x.on_date FROM attendance x
             WHERE x.person_id = OLD.person_id AND x.on_date <= pair_contact.last_on
                AND EXISTS (
                SELECT 1 FROM attendance y WHERE y.gettogether_id = x.gettogether_id
                    AND y.person_id = pair_contact.person_a + pair_contact.person_b
                        - OLD.person_id)
             ORDER BY x.on_date DESC LIMIT 1), last_on) END
    WHERE (person_a, person_b) IN (
        SELECT min(OLD.person_id, b.person_id), max(OLD.person_id, b.person_id)
        FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id AND b.person_id != OLD.person_id);
END;

-- A row that changes (a merge gives it to another person; a get-together's date moves)
-- is the old one leaving and the new one joining, as the two triggers above do it.
-- The partners it leaves are the others at the old get-together (the row itself, there
-- still when only its date changed, is not one); those it joins, the others at the new.
-- A change of the way of meeting alone (which rewrites the date as it was) changes nothing.
CREATE TRIGGER attendance_keeps_pair_contact_on_update
AFTER UPDATE OF gettogether_id, person_id, on_date ON attendance
WHEN OLD.gettogether_id IS NOT NEW.gettogether_id OR OLD.person_id IS NOT NEW.person_id
    OR OLD.on_date IS NOT NEW.on_date
BEGIN
    DELETE FROM pair_contact WHERE together = 1 AND (person_a, person_b) IN (
        SELECT min(OLD.person_id, b.person_id), max(OLD.person_id, b.person_id)
        FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id
            AND NOT (b.gettogether_id = NEW.gettogether_id AND b.person_id = NEW.person_id));
    UPDATE pair_contact SET
        together = together - 1,
        last_on = CASE WHEN last_on > OLD.on_date THEN last_on ELSE coalesce(
            (SELECT x.on_date FROM attendance x
             WHERE x.person_id = OLD.person_id AND x.on_date <= pair_contact.last_on
                AND EXISTS (
                SELECT 1 FROM attendance y WHERE y.gettogether_id = x.gettogether_id
                    AND y.person_id = pair_contact.person_a + pair_contact.person_b
                        - OLD.person_id)
             ORDER BY x.on_date DESC LIMIT 1), last_on) END
    WHERE (person_a, person_b) IN (
        SELECT min(OLD.person_id, b.person_id), max(OLD.person_id, b.person_id)
        FROM attendance b
        WHERE b.gettogether_id = OLD.gettogether_id
            AND NOT (b.gettogether_id = NEW.gettogether_id AND b.person_id = NEW.person_id));
    INSERT INTO pair_contact (person_a, person_b, together, last_on)
    SELECT min(NEW.person_id, b.person_id), max(NEW.person_id, b.person_id), 1, NEW.on_date
    FROM attendance b
    WHERE b.gettogether_id = NEW.gettogether_id AND b.person_id != NEW.person_id
    ON CONFLICT (person_a, person_b) DO UPDATE SET
        together = together + 1, last_on = max(last_on, excluded.last_on);
END;
