-- The database's own identity: a random UUID made once, when this step runs.
-- Every UID that supportnet writes into a vCard or calendar file is derived from
-- it (docs/exchange.md), so two databases exported into one address book or
-- calendar never overwrite each other's cards and events, while one database
-- writes the same UIDs every time.  A backup and a JSON export carry it along.
CREATE TABLE database_identity (
    id         INTEGER PRIMARY KEY CHECK (id = 1),   -- one row only
    uuid       TEXT    NOT NULL CHECK (length(uuid) = 36),
    created_on TEXT    NOT NULL                      -- ISO date
);
INSERT INTO database_identity (id, uuid, created_on) VALUES (
    1,
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
        || substr(lower(hex(randomblob(2))), 2) || '-'
        || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2)
        || '-' || lower(hex(randomblob(6))),
    date('now')
);
