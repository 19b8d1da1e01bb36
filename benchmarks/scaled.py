"""A large, deterministic network for the benchmarks: thousands of people, millions of
get-togethers.

``build_scaled`` writes it with plain ``executemany`` SQL inside the caller's
``db.transaction``: fast, with no model in the way, as no user's data goes through
it.  The same arguments give the same rows; no get-together is later than ``today``.
Imported by the benchmarks (``harness.scaled_database``) and by the tests that need
a large network (``from benchmarks.scaled import build_scaled``); not part of the
installed package.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterable, Iterator


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST = _words(
    "Ada Aiko Alex Amara Ana Anders Aylin Ben Bruno Carla Chen Chiara Dana Dev Elif Ella "
    "Emil Eva Farah Felix Greta Hana Hugo Ines Ivan Jade Jonas Julia Kai Karim Lara Leo "
    "Lina Luca Maya Mei Mila Nadia Nico Noor Olga Omar Pablo Priya Rafael Rosa Sam Sara "
    "Sofia Tariq Theo Tomás Uma Vera Wei Yara Yusuf Zoe Zoë Łukasz"
)
_LAST = _words(
    "Abe Alder Andersen Bauer Berg Carter Costa Dahl Diaz Eze Fischer Garcia Haddad Horvat "
    "Ito Jansen Kaur Kim Kowalski Larsen López Martins Meyer Moreau Nair Nakamura Novak "
    "Okafor Olsen Park Petrov Quinn Rossi Ruiz Said Santos Schmidt Silva Singh Smith Sousa "
    "Tanaka Torres Varga Wagner Weber Wong Yilmaz Young Zhang Ødegaard"
)
_TAGS = ("work", "climbing", "chorus", "book club", "neighbours", "family", "school",
         "volunteering", "running", "online")  # fmt: skip
_KINDS_IN_PERSON = ("coffee", "meal", "walk", "visit", "other", "coffee", "meal")
_KINDS_ONLINE = ("call", "video", "text")
_RRULES = (
    "FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "FREQ=MONTHLY;BYDAY=1FR",
    "FREQ=MONTHLY;BYDAY=-1SU", "FREQ=WEEKLY;BYDAY=TH", "FREQ=MONTHLY;BYMONTHDAY=15",
)  # fmt: skip
_EVENTS = (
    ("Surgery", "illness", "hard"), ("Lost a parent", "loss", "hard"),
    ("Lost their job", "job change", "hard"), ("New baby", "new baby", "happy"),
    ("Started a new job", "job change", "happy"), ("Got engaged", "other", "happy"),
    ("Moving house", "move", "neutral"),
)  # fmt: skip
_FAVORS = (
    ("Helped with a move", "help at home"), ("Brought soup", "meal"), ("Lent a book", "other"),
    ("Listened after a hard day", "listening"), ("Gave a lift", "ride"),
    ("Watered the plants", "help at home"),
)  # fmt: skip

#: Circles of a large network: a few close people, many acquaintances.  Share of
#: everyone (after the handful of inner people) and most people per circle; the
#: rest are acquaintances.  Then each circle's chance of being at a get-together.
_CIRCLE_SHARE = (("close", 0.01, 30), ("friend", 0.07, 400), ("prospect", 0.04, 300),
                 ("professional", 0.02, 40))  # fmt: skip
_CIRCLE_WEIGHT = {"inner": 400.0, "close": 60.0, "friend": 8.0, "prospect": 2.0,
                  "professional": 1.0, "acquaintance": 0.3}  # fmt: skip
_BATCH = 20_000


def _batched(rows: Iterable[tuple], size: int = _BATCH) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    return (conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]) + 1


def _scaled_circles(count: int) -> list[str]:
    """Circles for ``count`` people: up to 4 inner, then by ``_CIRCLE_SHARE``."""
    inner = min(4, max(1, count // 50)) if count else 0
    circles = ["inner"] * inner
    rest = count - inner
    for circle, share, most in _CIRCLE_SHARE:
        circles += [circle] * min(most, max(1 if rest >= 10 else 0, round(rest * share)))
    circles += ["acquaintance"] * max(0, count - len(circles))
    return circles[:count]


def build_scaled(
    conn: sqlite3.Connection,
    today: dt.date,
    *,
    people: int,
    gettogethers: int,
    plans: int = 0,
    communities: int = 0,
    favors: int = 0,
    events: int = 0,
    seed: int = 0,
    years: int = 5,
) -> dict[str, int]:
    """A large, deterministic network for benchmarks, inside the caller's transaction.

    A handful of inner and close people are seen often, friends now and then, the
    many acquaintances rarely: each get-together draws its 1-4 people with
    weights by circle (and a personal factor), so "last contact" has the skewed
    shape of a real life.  Get-togethers are spread over the ``years`` before
    today (today included at most).  Rows are written with ``executemany`` in
    batches, and only a batch is held in memory.  Returns counts by table.
    """
    if people < 1:
        raise ValueError("build_scaled needs at least one person")
    rng = random.Random(seed)
    span = max(1, years * 365)
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while building
    try:
        return _build_scaled(conn, today, rng, span, people, gettogethers, plans,
                             communities, favors, events)  # fmt: skip
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _build_scaled(
    conn: sqlite3.Connection, today: dt.date, rng: random.Random, span: int, people: int,
    gettogethers: int, plans: int, communities: int, favors: int, events: int,
) -> dict[str, int]:  # fmt: skip
    start = today - dt.timedelta(days=span)
    first_pid = _next_id(conn, "person")
    circles = _scaled_circles(people)
    rng.shuffle(circles)
    pids = list(range(first_pid, first_pid + people))

    seen_names: dict[str, int] = {}

    def person_rows() -> Iterator[tuple]:
        for pid, circle in zip(pids, circles):
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            seen_names[name] = seen_names.get(name, 0) + 1
            if seen_names[name] > 1:
                name = f"{name} {seen_names[name]}"
            birthday: tuple = (None, None, None)
            if rng.random() < 0.6:
                month, day = rng.randint(1, 12), rng.randint(1, 28)
                birthday = (month, day, rng.randint(1940, 2008) if rng.random() < 0.5 else None)
            added = start - dt.timedelta(days=rng.randint(0, 400))
            cadence = rng.choice((7, 14, 21, 30, 60)) if rng.random() < 0.1 else None
            yield (pid, name, circle, cadence, *birthday, None, None, _iso(added))

    for batch in _batched(person_rows()):
        conn.executemany(
            "INSERT INTO person (id, name, circle, cadence_days, birthday_month, birthday_day,"
            " birthday_year, how_met, note, added_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )

    def side_rows() -> Iterator[tuple[str, tuple]]:
        for pid in pids:
            if rng.random() < 0.5:
                yield "tag", (pid, rng.choice(_TAGS))
            if rng.random() < 0.4:
                yield "email", (pid, "email", f"person{pid}@example.org")
            if rng.random() < 0.3:
                yield "phone", (pid, "phone", f"+1 555 {pid:07d}")

    tags, contacts = [], []
    for kind, row in side_rows():
        (tags if kind == "tag" else contacts).append(row)
    conn.executemany("INSERT INTO person_tag VALUES (?, ?)", tags)
    conn.executemany(
        "INSERT INTO person_contact (person_id, kind, value) VALUES (?, ?, ?)", contacts
    )

    # Weighted draw of attendees: circle weight times a personal factor.
    weights = [_CIRCLE_WEIGHT[c] * rng.paretovariate(2.0) for c in circles]
    cum: list[float] = []
    total = 0.0
    for weight in weights:
        total += weight
        cum.append(total)

    community_ids: list[int] = []
    community_members: list[list[int]] = []
    if communities:
        first_cid = _next_id(conn, "community")
        crow, mrow = [], []
        for n in range(communities):
            cid = first_cid + n
            community_ids.append(cid)
            members = sorted(set(rng.sample(pids, min(len(pids), rng.randint(5, 40)))))
            community_members.append(members)
            crow.append((cid, f"Group {n + 1}", rng.choice(("chorus", "sports", "volunteering",
                         "support group", "meetup", "faith", "political")), rng.choice(_RRULES),
                         _iso(start), "19:00", None, _iso(start)))  # fmt: skip
            mrow += [(cid, m) for m in members]
        conn.executemany(
            "INSERT INTO community (id, name, kind, rrule, starts_on, at_time, place, added_on)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            crow,
        )
        conn.executemany("INSERT INTO community_member VALUES (?, ?)", mrow)

    plan_ids: list[int] = []
    if plans:
        first_plan = _next_id(conn, "plan")
        prow, pmrow = [], []
        for n in range(plans):
            plan_id = first_plan + n
            plan_ids.append(plan_id)
            members = sorted(set(rng.choices(pids, cum_weights=cum, k=rng.randint(1, 3))))
            in_person = rng.random() < 0.8
            prow.append((plan_id, f"Plan {n + 1}", rng.choice(_KINDS_IN_PERSON if in_person
                         else _KINDS_ONLINE), rng.choice(_RRULES), _iso(start + dt.timedelta(
                         days=rng.randint(0, span // 2))), "18:00", int(in_person),
                         _iso(start)))  # fmt: skip
            pmrow += [(plan_id, m) for m in members]
        conn.executemany(
            "INSERT INTO plan (id, title, kind, rrule, starts_on, at_time, in_person, added_on)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            prow,
        )
        conn.executemany("INSERT INTO plan_member VALUES (?, ?)", pmrow)

    first_gid = _next_id(conn, "gettogether")
    sizes = (1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4)

    # Oldest first, as a real log grows: ids rise with dates, which keeps the
    # date indexes append-only and the build fast.
    days = [_iso(today - dt.timedelta(days=back)) for back in range(span - 1, -1, -1)]

    def gettogether_rows() -> Iterator[tuple[tuple, list[tuple]]]:
        choices, rand, randint = rng.choices, rng.random, rng.randrange
        for n in range(gettogethers):
            gid = first_gid + n
            on = days[n * span // gettogethers]
            in_person = rand() < 0.7
            kind = _KINDS_IN_PERSON[n % 7] if in_person else _KINDS_ONLINE[n % 3]
            community = plan = None
            r = rand()
            if community_ids and r < 0.05:
                c = randint(len(community_ids))
                community = community_ids[c]
                pool = community_members[c]
                who = set(rng.sample(pool, min(len(pool), 1 + randint(4))))
                kind = "group meeting"
            elif plan_ids and r < 0.10:
                plan = plan_ids[randint(len(plan_ids))]
                who = set(choices(pids, cum_weights=cum, k=1))
            else:
                who = set(choices(pids, cum_weights=cum, k=sizes[n % 12]))
            ip = int(in_person)
            yield ((gid, None, kind, on, ip, community, plan, f"{on}T20:00:00+00:00"),
                   [(gid, p, on, ip) for p in who])  # fmt: skip

    for batch in _batched(gettogether_rows(), 10_000):
        conn.executemany(
            "INSERT INTO gettogether (id, what, kind, on_date, in_person, community_id,"
            " plan_id, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [g for g, _ in batch],
        )
        conn.executemany(
            "INSERT INTO attendance (gettogether_id, person_id, on_date, in_person)"
            " VALUES (?, ?, ?, ?)",
            [a for _, rows in batch for a in rows],
        )

    if favors:
        first_fid = _next_id(conn, "favor")
        frow, fprow = [], []
        for n in range(favors):
            fid = first_fid + n
            what, kind = rng.choice(_FAVORS)
            direction = "given" if rng.random() < 0.5 else "received"
            on = _iso(today - dt.timedelta(days=rng.randrange(span)))
            frow.append((fid, what, kind, direction, on, f"{on}T20:00:00+00:00"))
            pid = rng.choices(pids, cum_weights=cum, k=1)[0]
            fprow.append((fid, pid, direction, on))
        conn.executemany(
            "INSERT INTO favor (id, what, kind, direction, on_date, logged_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            frow,
        )
        conn.executemany("INSERT INTO favor_person VALUES (?, ?, ?, ?)", fprow)

    if events:
        erow = []
        for _ in range(events):
            what, kind, tone = rng.choice(_EVENTS)
            on = today + dt.timedelta(days=rng.randint(-90, 60))
            pid = rng.choices(pids, cum_weights=cum, k=1)[0]
            erow.append((pid, what, kind, tone, _iso(on), f"{_iso(today)}T08:00:00+00:00"))
        conn.executemany(
            "INSERT INTO life_event (person_id, what, kind, tone, on_date, logged_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            erow,
        )

    return {
        "person": people,
        "gettogether": gettogethers,
        "plan": plans,
        "community": communities,
        "favor": favors,
        "life_event": events,
    }
