"""The built-in sample network, dated relative to today, and its scaled-up cousin.

``build_sample`` writes a realistic dozen people with their history: regular
plans, a chorus and a food bank, favors both ways, a hard and a happy life
event, a birthday next week.  `supportnet demo` shows it from a throw-away
database; tests use it as a ready-made network.  Every row goes through the
input models and the ``writes`` functions the commands use (a done plan date,
which no command writes apart from its get-together, through its table model),
in the caller's ``db.write_session``.

``build_scaled`` writes a large, deterministic network (thousands of people,
millions of get-togethers) for the benchmarks, with plain ``executemany`` SQL
inside the caller's ``db.transaction``: fast, with no model in the way.

Both are deterministic: the same arguments give the same rows.  No get-together
is ever later than ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlmodel import Session

from supportnet.dates import YearlyDate
from supportnet.db import connection_of
from supportnet.models import validate
from supportnet.models.community import CommunityCreate
from supportnet.models.gettogether import AcquaintanceChange, GettogetherCreate
from supportnet.models.person import PersonCreate
from supportnet.models.plan import PlanCreate, PlanOccurrence, PlanSkip
from supportnet.models.support import FavorCreate, LifeEventCreate
from supportnet.recurrence import Recurrence
from supportnet.store.plans import get_plan
from supportnet.writes import gettogethers, groups, people, plans, support

# name, circle, own cadence in days (None: the circle's), tags, how met, nickname,
# phone, email.  Order matters: ids follow it in an empty database.
SAMPLE_PEOPLE: list[
    tuple[str, str, int | None, list[str], str, str | None, str | None, str | None]
] = [
    ("Maya López", "inner", None, ["family"], "my sister", None,
     "+1 555 0101", "maya@example.org"),
    ("Sam Carter", "close", 14, ["climbing", "work"], "old job, 2019", "Sammy",
     "+1 555 0102", "sam.carter@example.com"),
    ("Ana Okafor", "close", None, ["chorus"], "community chorus", None,
     "+1 555 0103", None),
    ("Jonas Weber", "friend", None, ["climbing"], "climbing gym", None,
     None, "jonas@example.net"),
    ("Priya Nair", "friend", 21, ["book club"], "book club", None,
     None, "priya.nair@example.com"),
    ("Leo Martins", "friend", None, ["neighbours"], "lives upstairs", None,
     "+1 555 0106", None),
    ("Grace Kim", "acquaintance", None, ["chorus"], "chorus, alto section", None, None, None),
    ("Tomás Ruiz", "acquaintance", None, ["work"], "conference 2024", "Tom",
     None, "tomas@example.es"),
    ("Noor Haddad", "prospect", None, ["book club"], "met at the library talk", None,
     None, None),
    ("Ella Schmidt", "prospect", None, ["climbing"], "friend of Jonas", None, None, None),
    ("Dr. Ruth Alder", "professional", None, ["health"], "my therapist", None,
     "+1 555 0111", None),
    ("Omar Said", "friend", None, ["volunteering"], "food bank shifts", None, None, None),
]  # fmt: skip

#: Sam's birthday is this many days after today; Maya's (no year known) this many.
SAM_BIRTHDAY_IN_DAYS = 6
MAYA_BIRTHDAY_IN_DAYS = 40
#: Ana's surgery (the hard event) is this many days after today.
ANA_SURGERY_IN_DAYS = 3

_MON, _TUE, _WED, _THU, _FRI, _SAT, _SUN = range(7)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _last_weekday_before(today: dt.date, weekday: int) -> dt.date:
    """The most recent ``weekday`` strictly before ``today``."""
    return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


def _first_weekday_of_month(year: int, month: int, weekday: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7)


def _months_back(today: dt.date, count: int) -> list[tuple[int, int]]:
    """(year, month) of this month and the ``count`` before it, oldest first."""
    found = []
    year, month = today.year, today.month
    for _ in range(count + 1):
        found.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return found[::-1]


def _birthday_in(today: dt.date, days: int) -> tuple[int, int]:
    soon = today + dt.timedelta(days=days)
    if (soon.month, soon.day) == (2, 29):  # keep the sample valid in every year
        soon -= dt.timedelta(days=1)
    return soon.month, soon.day


SAM_NOTE = "Loves bouldering; ask about the new job hunt."


def _logged(day: dt.date) -> dt.datetime:
    """A deterministic logging time: the evening of the day, UTC."""
    return dt.datetime(day.year, day.month, day.day, 20, tzinfo=dt.timezone.utc)


class _Sample:
    """The sample's rows, each through the writer a command would use.

    The sample's rows are meant, never a slip of the keyboard: the writers'
    "just entered twice?" checks are passed over (``again``).
    """

    def __init__(self, session: Session, today: dt.date) -> None:
        self.session = session
        self.today = today

    def day(self, days_ago: int) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def add_people(self) -> dict[str, int]:
        """The sample people, as `supportnet add` adds them; their ids by name.

        Sam's birthday falls next week (with a year) and Maya's a few weeks on
        (without one), so `upcoming` always has something to show.
        """
        ids: dict[str, int] = {}
        for index, row in enumerate(SAMPLE_PEOPLE):
            name, circle, cadence, tags, met, nick, phone, email = row
            birthday = None
            if name == "Sam Carter":
                birthday = YearlyDate(*_birthday_in(self.today, SAM_BIRTHDAY_IN_DAYS), 1990)
            elif name == "Maya López":
                birthday = YearlyDate(*_birthday_in(self.today, MAYA_BIRTHDAY_IN_DAYS))
            new = validate(PersonCreate, {
                "name": name, "circle": circle, "cadence_days": cadence, "birthday": birthday,
                "how_met": met, "note": SAM_NOTE if name == "Sam Carter" else None,
                "nicknames": [nick] if nick else [], "tags": tags,
                "phones": [phone] if phone else [], "emails": [email] if email else [],
            })  # fmt: skip
            added = self.today - dt.timedelta(days=400 - 20 * index)
            ids[name] = people.add_person(self.session, new, added)
        return ids

    def know(self, a: int, b: int, on: dt.date) -> None:
        """`supportnet know A B`, on the day given."""
        change = validate(AcquaintanceChange, {"people": [a, b]})
        gettogethers.record_acquaintances(self.session, change, on)

    def meet(
        self, on: dt.date, kind: str, who: Sequence[int], *, in_person: bool = True,
        plan: int | None = None, community: int | None = None, **fields: Any,
    ) -> int | None:  # fmt: skip
        """`supportnet log` (``what``, ``place``, ``at_time``, ``note``, ``duration_minutes``
        in ``fields``); nothing on or after today.  A plan's date is marked done."""
        if on >= self.today:
            return None
        new = validate(GettogetherCreate, {
            "people": list(who), "on_date": on, "kind": kind, "in_person": in_person,
            "plan_id": plan, "community_id": community, **fields,
        })  # fmt: skip
        gid = gettogethers.log_gettogether(self.session, new, self.today, _logged(on), again=True)
        if plan is not None:
            # `done` would log the plan's own title and people; the sample's dates
            # say who really came and what it was, so the date is marked here.
            self.session.add(PlanOccurrence(plan_id=plan, on_date=on, status="done",
                                            gettogether_id=gid))  # fmt: skip
        return gid

    def skip(self, plan: int, on: dt.date) -> None:
        """`supportnet skip PLAN --on DAY`."""
        found = get_plan(connection_of(self.session), plan)
        plans.skip(self.session, found, validate(PlanSkip, {"on_date": on}), self.today)

    def plan(
        self, title: str, kind: str, rule: str, starts_on: dt.date, members: Sequence[int],
        *, at_time: str | None = None, in_person: bool = True, **fields: Any,
    ) -> int:  # fmt: skip
        """`supportnet plan`, made on the day it starts (``place``, ``note``,
        ``duration_minutes`` in ``fields``)."""
        new = validate(PlanCreate, {
            "title": title, "kind": kind, "recurrence": Recurrence(rule, at_time),
            "start": starts_on, "people": list(members), "in_person": in_person,
            "align_interval": False, **fields,
        })  # fmt: skip
        return plans.add_plan(self.session, new, starts_on)

    def community(
        self, name: str, kind: str, rule: str, starts_on: dt.date, members: Sequence[int],
        *, at_time: str | None = None, **fields: Any,
    ) -> int:  # fmt: skip
        """`supportnet group add`, on the day of its first meeting (``place``, ``note``)."""
        new = validate(CommunityCreate, {
            "name": name, "kind": kind, "meets": Recurrence(rule, at_time),
            "members": list(members), **fields,
        })  # fmt: skip
        return groups.add_group(self.session, new, starts_on)

    def favor(
        self, what: str, kind: str, direction: str, on: dt.date, who: Sequence[int],
        note: str | None = None,
    ) -> int:  # fmt: skip
        """`supportnet favor`, recorded on its evening."""
        new = validate(FavorCreate, {
            "what": what, "kind": kind, "direction": direction, "on_date": on,
            "people": list(who), "note": note,
        })  # fmt: skip
        logged = _logged(min(on, self.today))
        return support.add_favor(self.session, new, self.today, logged, again=True)

    def event(
        self, person: int, what: str, kind: str, tone: str, on: dt.date | None, *,
        yearly: bool = False, note: str | None = None,
    ) -> int:  # fmt: skip
        """`supportnet event`, noted yesterday evening."""
        new = validate(LifeEventCreate, {
            "person_id": person, "what": what, "kind": kind, "tone": tone, "on_date": on,
            "yearly": yearly, "note": note,
        })  # fmt: skip
        return support.add_event(self.session, new, _logged(self.day(1)), again=True)


def build_sample(session: Session, today: dt.date) -> dict[str, int]:
    """The whole sample network, in the caller's ``db.write_session``; ids by name.

    The story, relative to today: a weekly Sunday call with Maya and dinners at
    her place; climbing every other Tuesday with Jonas (Sam used to come but has
    not been seen for five weeks); a monthly lunch with Priya, who just started a
    new job; Thursday chorus with Ana and Grace, and Ana's knee surgery in three
    days; food-bank Saturdays with Omar; Leo upstairs watered the plants and has
    not been thanked with a favor back yet; Noor, met once at the library, only
    seen online since; Sam's birthday next week.
    """
    w = _Sample(session, today)
    ids = w.add_people()
    maya, sam, ana, jonas, priya, leo, grace, tomas, noor, ella, ruth, omar = (
        ids[row[0]] for row in SAMPLE_PEOPLE
    )

    # Who knows whom, said explicitly (shared get-togethers say more).
    for a, b, days in ((jonas, ella, 70), (ana, grace, 200), (maya, sam, 300)):
        w.know(a, b, w.day(days))

    # Plan 1: a Sunday video call with Maya, weekly for four months; two skipped.
    last_sunday = _last_weekday_before(today, _SUN)
    call_start = last_sunday - dt.timedelta(weeks=16)
    calls = w.plan(
        "Sunday call with Maya", "video", "FREQ=WEEKLY;BYDAY=SU", call_start, [maya],
        at_time="18:00", in_person=False, duration_minutes=45,
    )  # fmt: skip
    for week in range(17):
        on = call_start + dt.timedelta(weeks=week)
        if week in (5, 11):
            w.skip(calls, on)
        else:
            w.meet(on, "video", [maya], in_person=False, plan=calls, at_time="18:00",
                   duration_minutes=45)  # fmt: skip
    for days in (3, 24, 45, 66, 90, 130):
        w.meet(w.day(days), "meal", [maya], what="Dinner at Maya's", place="Maya's flat")

    # Plan 2: climbing every other Tuesday with Jonas and Sam.
    last_tuesday = _last_weekday_before(today, _TUE)
    climb_start = last_tuesday - dt.timedelta(weeks=20)
    climbing = w.plan(
        "Climbing at the boulder gym", "other", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        climb_start, [jonas, sam], at_time="18:30", place="Boulderwerk", duration_minutes=120,
    )  # fmt: skip
    for fortnight in range(11):
        on = climb_start + dt.timedelta(weeks=2 * fortnight)
        days_ago = (today - on).days
        if fortnight == 7:
            w.skip(climbing, on)
            continue
        crew = [jonas]
        if days_ago > 35 and fortnight % 2 == 0:
            crew.append(sam)
        if 50 <= days_ago <= 64:
            crew.append(ella)
        w.meet(on, "other", crew, what="Climbing", plan=climbing, at_time="18:30",
               place="Boulderwerk", duration_minutes=120)  # fmt: skip

    # Plan 3: lunch with Priya on the first Friday of the month.
    months = _months_back(today, 5)
    lunch_start = _first_weekday_of_month(*months[0], _FRI)
    lunch = w.plan(
        "Lunch with Priya", "meal", "FREQ=MONTHLY;BYDAY=1FR", lunch_start, [priya],
        at_time="12:30", place="Café Lumen", duration_minutes=60,
    )  # fmt: skip
    for year, month in months:
        on = _first_weekday_of_month(year, month, _FRI)
        if on < today:
            w.meet(on, "meal", [priya], what="Lunch", plan=lunch, at_time="12:30",
                   place="Café Lumen", duration_minutes=60)  # fmt: skip

    # A community: the chorus, Thursday evenings; Ana most weeks, Grace some.
    last_thursday = _last_weekday_before(today, _THU)
    chorus_start = last_thursday - dt.timedelta(weeks=26)
    chorus = w.community(
        "Riverside Community Chorus", "chorus", "FREQ=WEEKLY;BYDAY=TH", chorus_start,
        [ana, grace], at_time="19:00", place="St. Mark's hall",
        note="Concert in the autumn; altos need help with the harmonies.",
    )  # fmt: skip
    for week in range(10):
        if week in (3, 7):  # missed two rehearsals
            continue
        on = last_thursday - dt.timedelta(weeks=week)
        who = [ana] + ([grace] if week % 3 == 0 else [])
        w.meet(on, "group meeting", who, what="Rehearsal", community=chorus, at_time="19:00",
               place="St. Mark's hall", duration_minutes=90)  # fmt: skip

    # Another: the food bank, first Saturday of the month, with Omar.
    bank_start = _first_weekday_of_month(*months[0], _SAT)
    bank = w.community(
        "Northside Food Bank", "volunteering", "FREQ=MONTHLY;BYDAY=1SA", bank_start, [omar],
        at_time="09:00", place="Northside community centre",
    )  # fmt: skip
    for year, month in months[1:]:
        on = _first_weekday_of_month(year, month, _SAT)
        w.meet(on, "group meeting", [omar], what="Sorting donations", community=bank,
               at_time="09:00", duration_minutes=180)  # fmt: skip

    # Other get-togethers, in person and online.
    w.meet(w.day(36), "coffee", [sam], what="Coffee near the old office", place="Kaffeehaus")
    w.meet(w.day(61), "video", [sam], in_person=False)
    w.meet(w.day(20), "walk", [ana], what="Walk by the river", duration_minutes=60)
    w.meet(w.day(12), "visit", [leo], what="Tea upstairs", place="Leo's flat")
    w.meet(w.day(75), "meal", [leo, maya], what="Barbecue in the yard")
    w.meet(w.day(45), "other", [noor], what="Talk at the library", place="City library",
           note="We both loved the speaker; she suggested the book club.")  # fmt: skip
    w.meet(w.day(25), "video", [noor], in_person=False, what="Chat about the book")
    w.meet(w.day(120), "video", [tomas], in_person=False)
    w.meet(w.day(50), "coffee", [omar], place="Corner café")
    w.meet(w.day(33), "meal", [priya, noor], what="Book club dinner", place="Priya's")
    for days in (9, 23, 37, 51):
        w.meet(w.day(days), "other", [ruth], what="Session", duration_minutes=50)

    # Favors, both ways.
    w.favor("Helped Leo carry a sofa upstairs", "help at home", "given", w.day(60), [leo])
    w.favor("Leo watered my plants while I was away", "help at home", "received", w.day(21), [leo])
    w.favor("Maya drove me to the airport", "ride", "received", w.day(25), [maya])
    w.favor("Lent Priya my copy of Middlemarch", "other", "given", w.day(40), [priya])
    w.favor("Listened when Sam had a hard week", "listening", "given", w.day(70), [sam])
    w.favor("Jonas taught me to belay", "other", "received", w.day(100), [jonas])
    w.favor("Cooked for Ana and Grace after the concert", "meal", "given", w.day(30),
            [ana, grace])  # fmt: skip

    # Life events: a hard one coming up, a happy one just now, a move later.
    w.event(ana, "Knee surgery", "illness", "hard",
            today + dt.timedelta(days=ANA_SURGERY_IN_DAYS),
            note="At St. Anne's; she would like visitors after the first week.")  # fmt: skip
    w.event(priya, "Started a new job", "job change", "happy", w.day(2))
    w.event(jonas, "Moving to a new flat", "move", "neutral", today + dt.timedelta(days=20))
    return ids


# --- the scaled-up network for benchmarks -------------------------------------------


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
