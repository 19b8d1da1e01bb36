"""Nudges that arrive: the morning digest (`supportnet today`) and reminders through
the platform's own scheduler and notifications, with no server (`supportnet remind`).

Pure, tested with plain values:

- ``digest``: the daily digest (top suggestions, today and tomorrow, a goal within
  reach) in its full, short, private and JSON forms;
- ``weekly``: the weekly digest, the review's short form;
- ``schedule``: when reminders run (``--at``, ``--days``, ``--weekly``), and noticing
  when nothing ran for longer than the schedule expects;
- ``units``: the text of the systemd units, the crontab block, the launchd agents and
  the schtasks commands.

Reading, writing and running:

- ``gather``: the digest's facts from the database (the nudge, the agenda, goals, the
  review); reads only;
- ``machine``: finding and running programs (an injectable runner;
  ``SUPPORTNET_REMIND_TOOLS``) and placing files whole;
- ``platforms``: installing, removing and asking each scheduler;
- ``delivery``: handing a digest to a command or the desktop's own notifier;
- ``runs``: one `remind run`, delivered once a day however often it is started, and
  recorded (``writes.reminders``).

docs/reminders.md tells the whole story.
"""
