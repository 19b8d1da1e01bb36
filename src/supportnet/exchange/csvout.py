"""CSV for spreadsheets: people, get-togethers or favors, one row each.

UTF-8, comma-separated, a header row, RFC 4180 quoting; lists (tags, people)
are joined with "; ".  Rows stream from SQLite in id order.  The columns are
listed in docs/exchange.md and stay stable.
"""

from __future__ import annotations

import csv
import sqlite3
from typing import TextIO

WHAT = ("people", "gettogethers", "favors")

_QUERIES: dict[str, tuple[list[str], str]] = {
    "people": (
        ["id", "name", "circle", "cadence_days", "birthday", "nicknames", "tags", "phones",
         "emails", "how_met", "note", "added_on", "archived_on", "last_contact"],
        """
        SELECT p.id, p.name, p.circle, p.cadence_days,
          CASE WHEN p.birthday_month IS NULL THEN NULL
               WHEN p.birthday_year IS NULL
                 THEN printf('--%02d-%02d', p.birthday_month, p.birthday_day)
               ELSE printf('%04d-%02d-%02d', p.birthday_year, p.birthday_month, p.birthday_day)
          END,
          (SELECT group_concat(nickname, '; ') FROM
             (SELECT nickname FROM person_nickname WHERE person_id = p.id ORDER BY nickname)),
          (SELECT group_concat(tag, '; ') FROM
             (SELECT tag FROM person_tag WHERE person_id = p.id ORDER BY tag)),
          (SELECT group_concat(value, '; ') FROM (SELECT value FROM person_contact
             WHERE person_id = p.id AND kind = 'phone' ORDER BY id)),
          (SELECT group_concat(value, '; ') FROM (SELECT value FROM person_contact
             WHERE person_id = p.id AND kind = 'email' ORDER BY id)),
          p.how_met, p.note, p.added_on, p.archived_on,
          (SELECT max(on_date) FROM attendance a WHERE a.person_id = p.id)
        FROM person p ORDER BY p.id
        """,
    ),
    "gettogethers": (
        ["id", "date", "time", "kind", "what", "in_person", "place", "people", "community",
         "plan", "duration_minutes", "note"],
        """
        SELECT g.id, g.on_date, g.at_time, g.kind, g.what,
          CASE g.in_person WHEN 1 THEN 'yes' ELSE 'no' END, g.place,
          (SELECT group_concat(name, '; ') FROM (SELECT p.name FROM attendance a
             JOIN person p ON p.id = a.person_id WHERE a.gettogether_id = g.id
             ORDER BY p.name, p.id)),
          (SELECT name FROM community c WHERE c.id = g.community_id),
          (SELECT title FROM plan l WHERE l.id = g.plan_id),
          g.duration_minutes, g.note
        FROM gettogether g ORDER BY g.id
        """,
    ),
    "favors": (
        ["id", "date", "direction", "kind", "what", "people", "note"],
        """
        SELECT f.id, f.on_date, f.direction, f.kind, f.what,
          (SELECT group_concat(name, '; ') FROM (SELECT p.name FROM favor_person fp
             JOIN person p ON p.id = fp.person_id WHERE fp.favor_id = f.id
             ORDER BY p.name, p.id)),
          f.note
        FROM favor f ORDER BY f.id
        """,
    ),
}  # fmt: skip


def columns(what: str) -> list[str]:
    return list(_QUERIES[what][0])


def write_csv(conn: sqlite3.Connection, what: str, out: TextIO) -> int:
    """Write one CSV table to ``out``; return the number of rows."""
    header, sql = _QUERIES[what]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    cursor = conn.execute(sql)
    while True:
        batch = cursor.fetchmany(5000)
        if not batch:
            return count
        writer.writerows(["" if v is None else v for v in row] for row in batch)
        count += len(batch)
