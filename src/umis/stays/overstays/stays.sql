-- Each person's stays known by $on, from their entries and exits in time order:
-- the engine's reading (umis.stays.engine.presence). An entry's stay ends at the
-- next exit (or $on), on its own day if another entry follows, and an exit with no
-- entry before it counts its own day. The candidates are the entries that may be
-- the current stay (the latest start among stays reaching $on): their nationality
-- and document type are read next, for them alone.
CREATE TABLE stays AS
WITH ev AS (
    SELECT person_id, seq, entry, day,
           lead(entry) OVER w AS next_entry,
           lead(day) OVER w AS next_day,
           lag(entry) OVER w AS prev_entry
    FROM crossings
    WINDOW w AS (PARTITION BY person_id ORDER BY ts, seq)
)
SELECT person_id, seq, day AS start,
       CASE WHEN next_entry IS NULL THEN $on
            WHEN next_entry THEN day
            ELSE least(next_day, $on) END AS stop,
       true AS has_entry
FROM ev WHERE entry
UNION ALL
SELECT person_id, seq, day, day, false
FROM ev WHERE NOT entry AND NOT coalesce(prev_entry, false);

CREATE TABLE candidates AS
SELECT s.seq FROM stays s
JOIN (SELECT person_id, max(start) AS start FROM stays WHERE stop >= $on GROUP BY person_id) latest
  USING (person_id, start)
WHERE s.has_entry AND s.stop >= $on;
