"""Which module defines each command, and its summary, in `--help` order.

Generated: python -m supportnet.cli.reference --table > src/supportnet/cli/commands.py
(a test checks it is current). The root command reads it so that `--help` and
every command load only what they need."""

# fmt: off
COMMANDS: dict[str, tuple[str, str]] = {
    "add": ("people", "Add a person to your network."),
    "people": ("people", "List the people in your network."),
    "show": ("people", "Show one person's profile."),
    "edit": ("people", "Change what is recorded about a person."),
    "rename": ("people", "Give a person a new name (their history stays with them)."),
    "archive": ("people", "Archive a person: kept with their history, left out of lists and nudges."),
    "restore": ("people", "Bring an archived person back into lists and nudges (or restore a backup file)."),
    "remove": ("people", "Remove a person and what only concerned them (asks first)."),
    "history": ("gettogethers", "List logged get-togethers, newest first, with their ids."),
    "know": ("gettogethers", "Record that people know each other."),
    "log": ("gettogethers", "Log a get-together that happened: who, when, what, in person or online."),
    "plans": ("plans", "List your regular plans with their next date."),
    "done": ("plans", "Mark a plan's date as done: logs the get-together with the plan's people."),
    "skip": ("plans", "Mark a plan's date as skipped: it didn't (or won't) happen."),
    "plan": ("plans", "Plan a regular get-together, and pause, resume or end one."),
    "groups": ("groups", "List your groups with the next meeting, last attended and recent attendance."),
    "group": ("groups", "Keep the communities you belong to: meetings, members, attendance."),
    "upcoming": ("calendar", "Show what is coming up: plans, group meetings, birthdays and life events."),
    "calendar": ("calendar", "Put your plans, group meetings, birthdays and life events in any calendar app."),
    "favors": ("support", "List favors given and received, newest first."),
    "events": ("support", "List life events, newest date first, with their check-in or celebrate time."),
    "favor": ("support", "Record a favor you did for someone, or one they did for you."),
    "event": ("support", "Note a life event of someone in your network, hard or happy."),
    "nudge": ("nudge", "Suggest who to reach out to next, and what to do."),
    "why": ("nudge", "Show why the nudge says what it says about a person: every term of the score."),
    "snooze": ("nudge", "Leave a person (or a group) out of the nudge for a while."),
    "dismiss": ("nudge", "Dismiss a suggestion until something new happens with that person."),
    "unsnooze": ("nudge", "Bring a person (or a group) back into the nudge: ends a snooze and dismissals."),
    "snoozed": ("nudge", "List what the nudge leaves out: snoozes and dismissals."),
    "today": ("today", "A short digest for this morning: who to reach out to, what is on, a goal."),
    "goals": ("progress", "Show your goals: this period's progress as a bar, and the last 8 periods."),
    "review": ("progress", "Look back: what happened, goals, streaks and milestones, with charts."),
    "report": ("progress", "Make a report of your progress to bring to a session: Markdown or HTML."),
    "goal": ("progress", "Set, pause, resume or remove a homework goal (`supportnet goals` shows them)."),
    "lean-on": ("helpnow", "Mark who and what helps you in a hard moment (shown by help-now)."),
    "help-now": ("helpnow", "One calm screen for a hard moment: who and what can help, in safety-plan order."),
    "resources": ("helpnow", "List your resources: professionals, crisis lines, groups and websites."),
    "backup": ("exchange", "Make a consistent copy of your whole database."),
    "restore-backup": ("exchange", "Replace your database with a backup (the current one is kept as a dated copy)."),
    "import": ("exchange", "Bring in contacts from a vCard file, or everything from a JSON export."),
    "export": ("exchange", "Write your data out: vCard for address books, JSON for everything, CSV for spreadsheets."),
    "where": ("database", "Show the database file and config file in use, and the safety copies kept."),
    "config": ("database", "Show the config file and every setting in force."),
    "demo": ("demo", "Try supportnet on a sample network, without touching your own data."),
}
# fmt: on
