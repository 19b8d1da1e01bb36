-- The get-togethers of a community, and of a plan, are found by an index of only those
-- get-togethers: most are neither, and the full indexes held a row for each of them
-- (at 2,000,000 get-togethers, 64 MB of a 483 MB file, built again on every JSON
-- import, and written on every get-together logged).  A look-up by a community or a
-- plan (=, IN, IS NOT NULL), and the ON DELETE SET NULL of each, use them as before.
DROP INDEX gettogether_community;
CREATE INDEX gettogether_community ON gettogether (community_id, on_date)
    WHERE community_id IS NOT NULL;
DROP INDEX gettogether_plan;
CREATE INDEX gettogether_plan ON gettogether (plan_id) WHERE plan_id IS NOT NULL;
