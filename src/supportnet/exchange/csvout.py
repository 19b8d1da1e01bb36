"""CSV for spreadsheets: people, get-togethers or favors, one row each.

UTF-8, comma-separated, a header row, RFC 4180 quoting; lists (tags, people)
are joined with "; ".  Rows stream from SQLite in id order.  The columns are
listed in docs/exchange.md and stay stable.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) as a formula, and names and notes may come
from someone else's vCard.  As OWASP's "CSV Injection" page advises, every text
cell is quoted and a text cell starting with one of those characters gets a
single quote in front (``'=HYPERLINK(...)``), so it shows as the text it is.
Only the values supportnet itself writes in a fixed form are left as they are
(ids and numbers, dates, times, the circle, a year-less birthday ``--03-14``).
"""

from __future__ import annotations

import csv
import sqlite3
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from supportnet.exchange import ExportRequest

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


#: Columns whose values supportnet writes itself, in a fixed form: never a formula.
_WRITTEN_BY_SUPPORTNET = frozenset(
    {"circle", "birthday", "added_on", "archived_on", "last_contact", "date", "time",
     "in_person", "direction"}
)  # fmt: skip
#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """``'=1+1`` for ``=1+1``: text a spreadsheet shows, never runs."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_csv(conn: sqlite3.Connection, what: str, out: TextIO) -> int:
    """Write one CSV table to ``out``; return the number of rows."""
    header, sql = _QUERIES[what]
    csv.writer(out, lineterminator="\r\n").writerow(header)
    # Text quoted whole, so a spreadsheet splitting on ";" or tabs keeps it one cell.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    user_text = [name not in _WRITTEN_BY_SUPPORTNET for name in header]
    count = 0
    cursor = conn.execute(sql)
    while True:
        batch = cursor.fetchmany(5000)
        if not batch:
            return count
        writer.writerows(
            [
                "" if v is None else neutralise(v) if text and isinstance(v, str) else v
                for v, text in zip(row, user_text, strict=True)
            ]
            for row in batch
        )
        count += len(batch)


def export(conn: sqlite3.Connection, out: TextIO, request: ExportRequest) -> None:
    """`export --format csv --what TABLE`."""
    assert request.what in WHAT, request.what
    write_csv(conn, request.what, out)
