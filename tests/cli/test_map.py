"""`supportnet map` and `group edit --matters`, through the real CLI."""

from __future__ import annotations

import json

from tests.progress_data import community, favor, meet, opened, person


def _network(db_path) -> None:
    with opened(db_path) as conn:
        maya = person(conn, "Maya López", circle="inner")
        sam = person(conn, "Sam Carter", circle="close")
        old = person(conn, "Old Friend", circle="friend")
        noor = person(conn, "Noor", circle="prospect")
        chorus = community(conn, "Community chorus")
        conn.execute("INSERT INTO community_member VALUES (?, ?)", (chorus, maya))
        meet(conn, "2026-06-07", [maya])
        meet(conn, "2026-05-01", [sam], in_person=False)
        meet(conn, "2026-05-20", [maya], community_id=chorus, kind="group meeting")
        favor(conn, "2026-03-01", [sam], direction="received")
        conn.execute("UPDATE person SET archived_on = '2026-02-01' WHERE id = ?", (old,))
        del noor


def test_map_json_has_rings_communities_and_roles(run, db_path) -> None:
    _network(db_path)
    run("lean-on", "Maya", "--ask-for-help")
    out = run("group", "edit", "chorus", "--matters", "4").stdout
    assert out == "Updated Community chorus (#1). It matters to you: 4 of 5.\n"
    data = json.loads(run("map", "--json").stdout)
    rings = {r["ring"]: [p["name"] for p in r["people"]] for r in data["rings"]}
    # The archived person is not on the map.
    assert rings == {"inner": ["Maya López"], "close": ["Sam Carter"], "friend": [],
                     "acquaintance": ["Noor"], "professional": []}  # fmt: skip
    maya = data["rings"][0]["people"][0]
    assert (maya["last_contact"], maya["recency"], maya["in_person"]) == (
        "2026-06-07", "recent", True)  # fmt: skip
    sam = data["rings"][1]["people"][0]
    assert (sam["recency"], sam["in_person"]) == ("while", False)
    (chorus,) = data["communities"]
    assert (chorus["name"], chorus["matters"], chorus["member_names"]) == (
        "Community chorus", 4, ["Maya López"])  # fmt: skip
    roles = {r["role"]: r["count"] for r in data["support_roles"]}
    assert roles == {"ask_for_help": 1, "company": 0, "celebrate": 0, "practical": 1}
    assert data["notes"][0] == (
        "Only Maya López is someone you've said you can ask for help — who else might be?"
    )


def test_map_text_and_initials(run, db_path) -> None:
    _network(db_path)
    out = run("map").stdout
    assert out.startswith("Your network: 3 people, 1 community\n")
    assert "|     * Maya López (in person 3d ago)\n" in out
    assert "Community chorus  -" in out
    assert "How much one matters to you: supportnet group edit NAME --matters 1-5\n" in out
    short = run("map", "--initials").stdout
    assert "Maya" not in short and "M. L. (in person 3d ago)" in short
    data = json.loads(run("map", "--initials", "--json").stdout)
    assert "López" not in json.dumps(data, ensure_ascii=False)


def test_map_initials_reach_every_recorded_name(run, db_path) -> None:
    """A nickname, a name spelled without its accent, an archived person's name: all
    recorded, all reduced inside group and place names too."""
    _network(db_path)
    run("edit", "Maya", "--nickname", "Mayita")
    for group in ("Walks with Mayita", "Lopez dinners", "Old Friend's club"):
        run("group", "add", group, "--kind", "other")
    run("lean-on", "--place", "mayita's garden", "--takes-mind-off")
    data = json.dumps(json.loads(run("map", "--initials", "--json").stdout), ensure_ascii=False)
    for name in ("Mayita", "Lopez", "López", "Old Friend"):
        assert name.lower() not in data.lower(), name
    assert all(g in data for g in ("Walks with M.", "L. dinners", "O. F.'s club", "M.'s garden"))


def test_matters_out_of_range_changes_nothing(run, db_path, unchanged) -> None:
    _network(db_path)
    with unchanged():
        result = run("group", "edit", "chorus", "--matters", "6", expect=5)
    assert "--matters takes 1 (a little) to 5 (very much), not 6; 0 clears it." in result.stderr
    run("group", "edit", "chorus", "--matters", "2")
    run("group", "edit", "chorus", "--matters", "0")
    assert json.loads(run("groups", "--json").stdout)[0]["matters"] is None


def test_map_of_an_empty_network(run) -> None:
    out = run("map").stdout
    assert "No one is on the map yet. Start with one person: supportnet add NAME\n" in out
    assert "No communities yet" in out


def test_review_and_report_show_support_roles(run, db_path) -> None:
    _network(db_path)
    run("lean-on", "Maya", "--ask-for-help")
    data = json.loads(run("review", "--json").stdout)
    roles = data["support_roles"]
    assert [r["count"] for r in roles["roles"]] == [1, 0, 0, 1]
    only_maya = "Only Maya López is someone you've said you can ask for help — who else might be?"
    assert roles["notes"][0] == only_maya
    text = run("review").stdout
    assert "\nSupport roles\n  Someone to ask for help: 1 — Maya López\n" in text
    assert f"  {only_maya}\n" in text
    md = run("report").stdout
    assert "| Someone to ask for help | 1 | Maya López |" in md
    assert f"- {only_maya}" in md
    short = run("report", "--initials", "--format", "html").stdout
    assert "Maya" not in short
    assert "Only M. L. is someone you&#x27;ve said you can ask for help" in short
