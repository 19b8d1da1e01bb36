-- Each person's latest get-together and latest get-together in person, kept in
-- step with attendance by the triggers below.  Derived, like attendance's own
-- copy of the date: nothing writes it by hand, exports leave it out, and it can
-- always be rebuilt from attendance.  It lets the nudge, `today` and the people
-- list read everyone's last contact in one pass instead of two index seeks a person.
CREATE TABLE last_contact (
    person_id    INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
    on_date      TEXT    NOT NULL,   -- ISO date of the latest get-together
    in_person_on TEXT                -- ISO date of the latest in person; NULL: never
);

INSERT INTO last_contact (person_id, on_date, in_person_on)
SELECT person_id, max(on_date), max(CASE WHEN in_person = 1 THEN on_date END)
FROM attendance GROUP BY person_id;

-- A new attendance can only move the dates later.
CREATE TRIGGER attendance_keeps_last_contact_on_insert
AFTER INSERT ON attendance
BEGIN
    INSERT INTO last_contact (person_id, on_date, in_person_on)
    VALUES (NEW.person_id, NEW.on_date, CASE WHEN NEW.in_person = 1 THEN NEW.on_date END)
    ON CONFLICT (person_id) DO UPDATE SET
        on_date = max(on_date, excluded.on_date),
        in_person_on = coalesce(max(in_person_on, excluded.in_person_on),
                                in_person_on, excluded.in_person_on);
END;

-- A removed or changed attendance: the person's dates are looked up again (two
-- index seeks), for the person it was and the person it is.  A removed one that
-- was neither of their dates changes nothing.
CREATE TRIGGER attendance_keeps_last_contact_on_delete
AFTER DELETE ON attendance
WHEN EXISTS (SELECT 1 FROM last_contact c WHERE c.person_id = OLD.person_id
    AND (c.on_date = OLD.on_date OR (OLD.in_person = 1 AND c.in_person_on = OLD.on_date)))
BEGIN
    DELETE FROM last_contact WHERE person_id = OLD.person_id;
    INSERT INTO last_contact (person_id, on_date, in_person_on)
    SELECT OLD.person_id, latest,
        (SELECT a.on_date FROM attendance a WHERE a.person_id = OLD.person_id
            AND a.in_person = 1 ORDER BY a.on_date DESC LIMIT 1)
    FROM (SELECT max(a.on_date) AS latest FROM attendance a WHERE a.person_id = OLD.person_id)
    WHERE latest IS NOT NULL
        AND EXISTS (SELECT 1 FROM person p WHERE p.id = OLD.person_id);
END;

CREATE TRIGGER attendance_keeps_last_contact_on_update
AFTER UPDATE OF person_id, on_date, in_person ON attendance
BEGIN
    DELETE FROM last_contact WHERE person_id IN (OLD.person_id, NEW.person_id);
    INSERT INTO last_contact (person_id, on_date, in_person_on)
    SELECT who, latest,
        (SELECT a.on_date FROM attendance a WHERE a.person_id = who
            AND a.in_person = 1 ORDER BY a.on_date DESC LIMIT 1)
    FROM (SELECT who, (SELECT max(a.on_date) FROM attendance a WHERE a.person_id = who) AS latest
          FROM (SELECT OLD.person_id AS who UNION SELECT NEW.person_id))
    WHERE latest IS NOT NULL;
END;
