-- Homework goals, the resources list, and who helps in a hard moment.

-- A goal: "reach out to 2 people a week".  Progress is never stored: it is
-- counted from get-togethers, attendance and favors, so pausing or removing a
-- goal loses nothing.  A removed goal keeps its row (status 'removed') so past
-- reviews and reports still show it.
CREATE TABLE goal (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind         TEXT    NOT NULL CHECK (kind IN
                     ('reach_out', 'in_person', 'community', 'new_people', 'favors', 'log_days')),
    target       INTEGER NOT NULL CHECK (target > 0),
    period       TEXT    NOT NULL CHECK (period IN ('week', 'month')),
    community_id INTEGER REFERENCES community (id) ON DELETE SET NULL, -- 'community' goals: one group
    status       TEXT    NOT NULL DEFAULT 'active'
                     CHECK (status IN ('active', 'paused', 'removed')),
    created_on   TEXT    NOT NULL,      -- ISO date
    paused_on    TEXT,                  -- ISO date of the pause under way; NULL unless paused
    removed_on   TEXT                   -- ISO date; NULL unless removed
);
CREATE INDEX goal_status ON goal (status);

-- Every pause a goal has had, so that periods spent paused are shown as a rest
-- rather than as a miss, also after the goal is resumed.
CREATE TABLE goal_pause (
    goal_id    INTEGER NOT NULL REFERENCES goal (id) ON DELETE CASCADE,
    paused_on  TEXT    NOT NULL,        -- ISO date
    resumed_on TEXT,                    -- ISO date; NULL while paused
    PRIMARY KEY (goal_id, paused_on)
) WITHOUT ROWID;

-- Professionals, crisis lines and other places to turn to.
CREATE TABLE resource (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind     TEXT NOT NULL CHECK (kind IN
                 ('hotline', 'therapist', 'clinic', 'support group', 'peer line', 'website',
                  'other')),
    phone    TEXT,
    url      TEXT,
    note     TEXT,
    added_on TEXT NOT NULL              -- ISO date
);

-- How a person, a community or a place supports you in a hard moment, in the
-- order of a safety plan: 'takes_mind_off' (people and places that take your
-- mind off things) and 'ask_for_help' (people you can ask for help).
-- Exactly one of person_id, community_id and place is set.
CREATE TABLE safety_role (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    role         TEXT    NOT NULL CHECK (role IN ('ask_for_help', 'takes_mind_off')),
    person_id    INTEGER REFERENCES person (id) ON DELETE CASCADE,
    community_id INTEGER REFERENCES community (id) ON DELETE CASCADE,
    place        TEXT    CHECK (place IS NULL OR length(trim(place)) > 0),
    note         TEXT,
    added_on     TEXT    NOT NULL,      -- ISO date
    CHECK ((person_id IS NOT NULL) + (community_id IS NOT NULL) + (place IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX safety_role_person ON safety_role (person_id, role)
    WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX safety_role_community ON safety_role (community_id, role)
    WHERE community_id IS NOT NULL;
CREATE UNIQUE INDEX safety_role_place ON safety_role (place COLLATE NOCASE, role)
    WHERE place IS NOT NULL;
