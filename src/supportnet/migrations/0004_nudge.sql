-- The nudge's memory of what you asked it to leave out for now.
-- Each row is about one person or one community (exactly one of the two).

-- `supportnet snooze NAME --for 2w`: left out of the nudge until until_on
-- (back on that day).  One snooze per person or community: a new one replaces it.
CREATE TABLE nudge_snooze (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id    INTEGER REFERENCES person (id) ON DELETE CASCADE,
    community_id INTEGER REFERENCES community (id) ON DELETE CASCADE,
    until_on     TEXT    NOT NULL,      -- ISO date: back in the nudge on this day
    snoozed_on   TEXT    NOT NULL,      -- ISO date
    CHECK ((person_id IS NULL) != (community_id IS NULL))
);
CREATE UNIQUE INDEX nudge_snooze_person ON nudge_snooze (person_id)
    WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX nudge_snooze_community ON nudge_snooze (community_id)
    WHERE community_id IS NOT NULL;

-- `supportnet dismiss NAME`: this kind of suggestion (and subject, when not '')
-- is left out until something new is logged about them: a get-together, a
-- favor or a life event with an id above the highest one at the time of the
-- dismissal (ids only grow: AUTOINCREMENT), whatever the clock says.
CREATE TABLE nudge_dismissal (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id    INTEGER REFERENCES person (id) ON DELETE CASCADE,
    community_id INTEGER REFERENCES community (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,      -- catch_up, check_in, celebrate... (docs/nudge.md)
    subject      TEXT    NOT NULL DEFAULT '', -- 'birthday:2026-06-16', 'plan:3:2026-06-16'...
    dismissed_on TEXT    NOT NULL,      -- ISO date (the day supportnet took as today)
    gettogether_mark INTEGER NOT NULL DEFAULT 0, -- max(gettogether.id) then
    favor_mark       INTEGER NOT NULL DEFAULT 0, -- max(favor.id) then
    event_mark       INTEGER NOT NULL DEFAULT 0, -- max(life_event.id) then
    CHECK ((person_id IS NULL) != (community_id IS NULL))
);
CREATE UNIQUE INDEX nudge_dismissal_person ON nudge_dismissal (person_id, kind, subject)
    WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX nudge_dismissal_community ON nudge_dismissal (community_id, kind, subject)
    WHERE community_id IS NOT NULL;
