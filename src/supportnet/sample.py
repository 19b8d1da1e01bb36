"""The built-in sample network, dated relative to today.

``build_sample`` writes a realistic dozen people with their history: regular
plans, a chorus and a food bank (and how much each matters), favors both ways,
a hard and a happy life event, a birthday next week, people to lean on and a short
safety plan.  `supportnet demo` shows it from a throw-away
database; tests use it as a ready-made network.  Every row goes through the
input models and the ``writes`` functions the commands use (a done plan date,
which no command writes apart from its get-together, through its table model),
in the caller's ``db.write_session``.

It is deterministic: the same day gives the same rows.  No get-together is ever
later than ``today``.  (The large networks the benchmarks time are built by
benchmarks/scaled.py.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from supportnet.dates import YearlyDate
from supportnet.db import connection_of
from supportnet.models import validate
from supportnet.models.gettogether import AcquaintanceChange, GettogetherCreate
from supportnet.models.group import GroupCreate
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
        new = validate(GroupCreate, {
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

    def check_ins(self, answers: Sequence[Sequence[int]], every_days: int) -> None:
        """supportnet's own check-in once a week, the last three days ago, oldest first."""
        from supportnet.models.checkin import CadenceChange, CheckInCreate
        from supportnet.writes import checkins

        for weeks_ago, values in enumerate(reversed(answers)):
            on = self.day(3 + 7 * weeks_ago)
            new = validate(CheckInCreate, {
                "on_date": on, "answers": dict(enumerate(values, start=1))})  # fmt: skip
            checkins.add_check_in(self.session, new, _logged(on))
        change = {"measure": "connection", "every_days": every_days,
                  "set_on": self.day(7 * len(answers))}  # fmt: skip
        checkins.set_cadence(self.session, validate(CadenceChange, change))

    def matters(self, group: int, matters: int) -> None:
        """`supportnet group edit GROUP --matters N`."""
        from supportnet.models.group import GroupUpdate

        change = validate(GroupUpdate, {"matters": matters})
        groups.update_group(self.session, group, change, self.today)

    def lean_on(self, role: str, on: dt.date, *, person: int | None = None,
                community: int | None = None, place: str | None = None) -> None:  # fmt: skip
        """`supportnet lean-on NAME --ask-for-help` (or ``--takes-mind-off``)."""
        from supportnet.models.progress import SafetyRoleChange
        from supportnet.writes import helpnow

        change = validate(SafetyRoleChange, {"roles": [role], "place": place})
        helpnow.set_roles(self.session, change, on, person_id=person, community_id=community)

    def resource(self, name: str, kind: str, phone: str, on: dt.date) -> None:
        """`supportnet resources add NAME --kind KIND --phone NUMBER`."""
        from supportnet.models.progress import ResourceCreate
        from supportnet.writes import helpnow

        new = validate(ResourceCreate, {"name": name, "kind": kind, "phone": phone})
        helpnow.add_resource(self.session, new, on)

    def safety_plan(self, sections: dict[str, list[str]], on: dt.date) -> None:
        """`supportnet help-now edit --section NAME --line ...`, all on one day (a review)."""
        from supportnet.models.safety_plan import SafetyPlanSection
        from supportnet.writes import safety_plan

        for section, lines in sections.items():
            change = validate(SafetyPlanSection, {"section": section, "lines": lines})
            safety_plan.set_section(self.session, change, on)

    def expect(self, plan: int, expected: int) -> None:
        from supportnet.writes import checkins

        checkins.set_plan_expectation(self.session, plan, expected)

    def gettogether_on(self, on: dt.date, person: int) -> int:
        found = connection_of(self.session).execute(
            "SELECT a.gettogether_id FROM attendance a WHERE a.person_id = ? AND a.on_date = ?"
            " ORDER BY a.gettogether_id LIMIT 1", (person, on.isoformat())).fetchone()  # fmt: skip
        assert found is not None, (on, person)
        return int(found[0])

    def felt(self, gid: int, felt: int) -> None:
        from supportnet.store.checkins import plan_expectation
        from supportnet.writes import checkins

        plan = connection_of(self.session).execute(
            "SELECT plan_id FROM gettogether WHERE id = ?", (gid,)).fetchone()[0]  # fmt: skip
        expected = plan_expectation(connection_of(self.session), plan) if plan else None
        checkins.record_feeling(self.session, gid, expected=expected, felt=felt)


#: The sample's safety plan, in its own made-up words, looked over six weeks ago.
SAMPLE_SAFETY_PLAN = {
    "warning_signs": ["I stop answering messages", "I stay up late and skip meals"],
    "on_my_own": ["a long walk by the river", "a hot shower and an early night"],
    "safer_surroundings": ["ask Maya to keep the spare key"],
    "reasons": ["my sister Maya", "the concert in the autumn"],
}
SAMPLE_SAFETY_PLAN_DAYS_AGO = 42

#: supportnet's own check-in, oldest first: the four answers of each week (2 to 4).
SAMPLE_CHECK_INS = [
    (2, 4, 2, 2), (2, 4, 3, 2), (3, 3, 3, 2), (2, 4, 3, 3),
    (3, 3, 3, 3), (3, 2, 4, 3), (4, 3, 4, 3), (4, 2, 4, 4),
]  # fmt: skip


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

    # How much each community matters (`group edit --matters`), who to lean on, and a
    # short safety plan in the person's own words.
    w.matters(chorus, 5)
    w.matters(bank, 3)
    plan_day = w.day(SAMPLE_SAFETY_PLAN_DAYS_AGO)
    for person in (maya, ana):
        w.lean_on("ask_for_help", plan_day, person=person)
    w.lean_on("takes_mind_off", plan_day, person=jonas)
    w.lean_on("takes_mind_off", plan_day, community=chorus)
    w.lean_on("takes_mind_off", plan_day, place="a walk by the river")
    w.safety_plan(SAMPLE_SAFETY_PLAN, plan_day)
    w.resource("Dr. Ruth Alder, my therapist", "therapist", "+1 555 0111", plan_day)

    # Check-ins: supportnet's own, every week for two months, slowly (not steadily) up;
    # the next one is due in four days.  Expected against felt for climbing and dinners.
    w.check_ins(SAMPLE_CHECK_INS, every_days=7)
    w.expect(climbing, 2)
    for days, felt in ((3, 5), (24, 4), (45, 5)):
        w.felt(w.gettogether_on(w.day(days), maya), felt)
    for fortnight in (8, 9, 10):
        w.felt(w.gettogether_on(climb_start + dt.timedelta(weeks=2 * fortnight), jonas), 4)
    return ids
