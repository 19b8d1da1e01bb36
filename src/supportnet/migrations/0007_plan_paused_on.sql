-- The day a plan was paused, so that the calendar export keeps its past dates and
-- shows none from that day on (docs/gettogethers.md, "Calendar export").
-- `plan pause` sets it and `plan resume` clears it; a plan ended while paused keeps
-- it (it stopped on that day).  For plans already paused when this step runs, the
-- day of the pause was never recorded: the day of the upgrade is the latest it can
-- have been.
ALTER TABLE plan ADD COLUMN paused_on TEXT;  -- ISO date; NULL unless paused
UPDATE plan SET paused_on = date('now') WHERE status = 'paused';
