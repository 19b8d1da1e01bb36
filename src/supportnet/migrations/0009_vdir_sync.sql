-- What supportnet last wrote to (or read from) each vdir: a folder of one .vcf or
-- .ics file per item, which vdirsyncer keeps in step with a CardDAV or CalDAV
-- server (docs/sync.md).  One row per item file, so that an export rewrites only
-- what changed and removes what was removed, and an import knows which person
-- each card is (even a card first made on a phone, with a UID of its own) and
-- what changed on each side since the last time (a conflict is named, never
-- silent).  Nothing here is needed to use supportnet: it only remembers syncs.
CREATE TABLE vdir_item (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    folder       TEXT    NOT NULL,      -- the vdir, as an absolute path
    href         TEXT    NOT NULL,      -- the item's file name in it
    uid          TEXT    NOT NULL,      -- the UID inside the file
    kind         TEXT    NOT NULL CHECK (kind IN ('person', 'circle', 'group', 'plan', 'community',
                                           'birthday', 'event')),
                                        -- address books: person, circle (supportnet's), group
                                        -- (a community); calendars: the rest
    source       TEXT    NOT NULL,      -- what it was written from: an id, or a circle
    fingerprint  TEXT,                  -- of the data it was written from; NULL: compare the file
    content_hash TEXT    NOT NULL,      -- SHA-256 of the file's bytes when last written or read
    size         INTEGER NOT NULL,      -- the file's size and modification time then
    mtime_ns     INTEGER NOT NULL,
    base         TEXT,                  -- a card's text when last written or read: the common
                                        -- ancestor of the next import's changes (cards only)
    synced_at    TEXT    NOT NULL,      -- UTC ISO timestamp of the last write or read
    UNIQUE (folder, href),
    UNIQUE (folder, kind, source)
);
