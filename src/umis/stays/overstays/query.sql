-- Everyone present on $on with days used, days allowed and days overstayed,
-- from the stays of stays.sql and the facts of its candidate entries. The same
-- reading of the records as the engine (umis.stays.engine); see
-- docs/performance.md "Stays" and tests/stays/test_overstays.py.
WITH cur AS (
    SELECT * EXCLUDE (rn) FROM (
        SELECT s.person_id, s.start, coalesce(f.nationality, '') AS nationality,
               coalesce(f.document_kind, '') AS document_kind,
               row_number() OVER (
                   PARTITION BY s.person_id
                   ORDER BY s.start DESC, s.has_entry, coalesce(f.nationality, '')
               ) AS rn
        FROM stays s LEFT JOIN facts f USING (seq) WHERE s.stop >= $on
    ) WHERE rn = 1
),
mine AS (SELECT s.* FROM stays s SEMI JOIN cur USING (person_id)),
presence AS (
    SELECT person_id, min(start) AS s, max(stop) AS e FROM (
        SELECT *, sum(fresh) OVER (PARTITION BY person_id ORDER BY start, stop
                                   ROWS UNBOUNDED PRECEDING) AS island
        FROM (
            SELECT person_id, start, stop,
                   CASE WHEN start <= max(stop) OVER (
                            PARTITION BY person_id ORDER BY start, stop
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                        THEN 0 ELSE 1 END AS fresh
            FROM mine
        )
    ) GROUP BY person_id, island
),
exempt AS (
    SELECT person_id, min(s) AS s, max(e) AS e FROM (
        SELECT *, sum(fresh) OVER (PARTITION BY person_id ORDER BY s, e
                                   ROWS UNBOUNDED PRECEDING) AS island
        FROM (
            SELECT person_id, s, e,
                   CASE WHEN s <= max(e) OVER (
                            PARTITION BY person_id ORDER BY s, e
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1
                        THEN 0 ELSE 1 END AS fresh
            FROM exempt_raw SEMI JOIN cur USING (person_id) WHERE s <= e
        )
    ) GROUP BY person_id, island
),
covering AS (
    -- The basis that names a day under several periods: PRP, then TRP, then extension.
    SELECT person_id, arg_min(kind, CASE kind WHEN 'PRP' THEN 0 WHEN 'TRP' THEN 1 ELSE 2 END)
           AS kind
    FROM exempt_raw SEMI JOIN cur USING (person_id)
    WHERE s <= $on AND $on <= e
    GROUP BY person_id
),
ruled AS (
    SELECT * EXCLUDE (rn) FROM (
        SELECT c.person_id, c.start, c.nationality, r.kind, r.max_days, r.window_days,
               r.requires_visa, r.code,
               row_number() OVER (
                   PARTITION BY c.person_id
                   ORDER BY r.nationality <> '' DESC, r.document_kind <> '' DESC,
                            r.effective_from DESC, r.code DESC) AS rn
        FROM cur c JOIN rules r
          ON r.nationality IN ('', c.nationality)
         AND r.document_kind IN ('', c.document_kind)
         AND r.effective_from <= c.start
         AND (r.effective_to IS NULL OR c.start < r.effective_to)
    ) WHERE rn = 1
),
visa_pick AS (
    SELECT * EXCLUDE (rn) FROM (
        SELECT c.person_id,
               least(v.stay_days, datediff('day', c.start, v.valid_to) + 1) AS visa_days,
               row_number() OVER (
                   PARTITION BY c.person_id
                   ORDER BY v.valid_to DESC, v.stay_days DESC, v.number DESC) AS rn
        FROM ruled c JOIN visas v
          ON v.person_id = c.person_id AND v.valid_from <= c.start AND c.start <= v.valid_to
        WHERE c.requires_visa AND (
            v.entries IS NULL OR v.entries > (
                SELECT count(*) FROM mine e
                WHERE e.person_id = c.person_id AND e.has_entry
                  AND e.start >= v.valid_from AND e.start < c.start))
    ) WHERE rn = 1
),
terms AS (
    SELECT c.person_id, c.start, c.nationality, r.code, r.kind, r.requires_visa,
           v.visa_days IS NOT NULL AS has_visa,
           CASE WHEN r.code IS NULL THEN NULL
                WHEN NOT r.requires_visa THEN r.max_days
                WHEN v.visa_days IS NULL THEN 0
                WHEN r.kind = 'per_entry' THEN v.visa_days
                ELSE r.max_days END AS max_days,
           CASE WHEN r.kind = 'rolling' THEN $on - (r.window_days - 1) ELSE c.start END AS first
    FROM cur c LEFT JOIN ruled r USING (person_id) LEFT JOIN visa_pick v USING (person_id)
),
counted AS (
    SELECT t.person_id,
           coalesce(sum(datediff('day', greatest(p.s, t.first), least(p.e, $on)) + 1)
                    FILTER (WHERE greatest(p.s, t.first) <= least(p.e, $on)), 0) AS present_days
    FROM terms t JOIN presence p USING (person_id)
    GROUP BY t.person_id
),
exempted AS (
    SELECT t.person_id,
           sum(CASE WHEN greatest(p.s, x.s, t.first) <= least(p.e, x.e, $on)
                    THEN datediff('day', greatest(p.s, x.s, t.first), least(p.e, x.e, $on)) + 1
                    ELSE 0 END) AS exempt_days,
           bool_or(x.s <= $on AND $on <= x.e) AS covered_on
    FROM terms t
    JOIN presence p USING (person_id)
    JOIN exempt x ON x.person_id = t.person_id AND x.s <= p.e AND p.s <= x.e
    GROUP BY t.person_id
)
SELECT t.person_id, t.nationality, t.start AS stay_entry, t.code AS rule,
       c.present_days - coalesce(x.exempt_days, 0) AS days_used,
       t.max_days,
       CASE WHEN t.max_days IS NULL OR coalesce(x.covered_on, false) THEN 0
            ELSE greatest(0, c.present_days - coalesce(x.exempt_days, 0) - t.max_days)
       END AS overstay_days,
       coalesce(k.kind, CASE WHEN t.max_days IS NULL OR NOT t.requires_visa THEN 'visa_free'
                             WHEN t.has_visa THEN 'visa' ELSE 'no_visa' END) AS basis
FROM terms t JOIN counted c USING (person_id) LEFT JOIN exempted x USING (person_id)
     LEFT JOIN covering k USING (person_id)
