-- Reminders that arrive with no server (docs/reminders.md): the schedule `supportnet
-- remind install` set up with the platform's own scheduler, and a record of every
-- `supportnet remind run`.  Nothing here names a person.

-- One row each time `remind install` sets up a schedule other than the one in force;
-- `remind remove` sets removed_on.  The newest row without removed_on is the
-- schedule in force: `nudge` and `today` read it to notice, kindly, when nothing
-- ran for longer than it expects.
CREATE TABLE reminder_setup (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    scheduler    TEXT    NOT NULL
                 CHECK (scheduler IN ('systemd', 'cron', 'launchd', 'schtasks')),
    at_time      TEXT    NOT NULL,            -- HH:MM, local wall-clock time
    days         TEXT    NOT NULL DEFAULT '', -- the daily digest's days: 'mon,tue,wed'; '' none
    weekly_day   TEXT    CHECK (weekly_day IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')),
                                              -- the weekly digest's day; NULL: none
    installed_on TEXT    NOT NULL,            -- ISO date
    removed_on   TEXT                         -- ISO date; NULL while in force
);

-- Every `remind run` that got as far as the digest: for which day, when, through
-- which channel, and how it went.  A run first claims its day as 'delivering'
-- (the unique index lets one run at a time do so: two timers, a catch-up run and
-- a manual one deliver once), then becomes 'delivered' or 'failed'; a day with
-- nothing worth saying is 'quiet', and a run that found its day already delivered
-- is 'skipped'.  summary is what was said without names ("2 people to reach out
-- to, 1 birthday"); reason says in plain words why it was not delivered.
CREATE TABLE reminder_run (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    digest      TEXT    NOT NULL CHECK (digest IN ('daily', 'weekly')),
    digest_on   TEXT    NOT NULL,             -- ISO date: the day the digest is for
    started_at  TEXT    NOT NULL,             -- ISO timestamp, UTC
    finished_at TEXT,                         -- ISO timestamp, UTC; NULL while delivering
    scheduled   INTEGER NOT NULL DEFAULT 0 CHECK (scheduled IN (0, 1)), -- 1: by the scheduler
    outcome     TEXT    NOT NULL
                CHECK (outcome IN ('delivering', 'delivered', 'quiet', 'skipped', 'failed')),
    channel     TEXT,                         -- command, notify-send, osascript, powershell
    summary     TEXT,
    reason      TEXT
);
CREATE UNIQUE INDEX reminder_run_once ON reminder_run (digest, digest_on)
    WHERE outcome IN ('delivering', 'delivered');
