-- Whether a plan was paused by archiving the last of its people, so that restoring one
-- of them resumes it, and a plan paused by hand (on any day) stays paused.  Plans such
-- an archive paused before this step are found as it found them then: paused on the
-- day the last of their people was archived, every one of them archived.
ALTER TABLE plan ADD COLUMN paused_by_archive INTEGER NOT NULL DEFAULT 0
    CHECK (paused_by_archive IN (0, 1));
UPDATE plan SET paused_by_archive = 1
WHERE status = 'paused'
    AND NOT EXISTS (SELECT 1 FROM plan_member o JOIN person q ON q.id = o.person_id
                    WHERE o.plan_id = plan.id AND q.archived_on IS NULL)
    AND paused_on = (SELECT max(q.archived_on) FROM plan_member o
                     JOIN person q ON q.id = o.person_id WHERE o.plan_id = plan.id);
