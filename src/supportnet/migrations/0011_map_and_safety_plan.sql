-- How much each community matters to you, and the safety plan in your own words.

-- 1 (a little) to 5 (very much), set with `group edit --matters N`; NULL: not said.
ALTER TABLE community ADD COLUMN matters INTEGER
    CHECK (matters IS NULL OR matters BETWEEN 1 AND 5);

-- The steps of the safety plan a person writes themselves (`help-now edit`), one row
-- per line, in the order written: warning signs, things I can do on my own, making
-- my surroundings safer, and reasons that matter to me.  Editing a section replaces
-- its lines.  Nothing here ever leaves the machine unless asked for.
CREATE TABLE safety_plan_entry (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    section  TEXT    NOT NULL CHECK (section IN
                 ('warning_signs', 'on_my_own', 'safer_surroundings', 'reasons')),
    position INTEGER NOT NULL CHECK (position > 0),
    text     TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    UNIQUE (section, position)
);

-- Each day the plan was looked over (an edit, or `help-now reviewed`): the newest is
-- "last reviewed", and a review is asked for after [safety_plan] review_every_days.
CREATE TABLE safety_plan_review (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    reviewed_on TEXT    NOT NULL            -- ISO date
);
