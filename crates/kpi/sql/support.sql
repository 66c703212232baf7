-- Parameters: first and last day of the period (both NULL for all time).
-- The row with is_total = true covers every conversation; the others one intent each.
WITH period AS (SELECT CAST(? AS DATE) AS from_day, CAST(? AS DATE) AS to_day),
classified AS (
    SELECT intent,
           (lower(resolution) = 'resolved' AND handled_by_agent) IS TRUE AS contained,
           (lower(resolution) = 'escalated' OR handled_by_agent = false) IS TRUE AS escalated,
           (lower(resolution) = 'abandoned' AND handled_by_agent IS NOT FALSE) IS TRUE AS abandoned,
           CASE WHEN csat BETWEEN 1 AND 5 THEN csat END AS csat
    FROM support_conversations, period
    WHERE from_day IS NULL OR CAST(started_at AS DATE) BETWEEN from_day AND to_day
)
SELECT grouping(intent) = 1 AS is_total,
       intent,
       count(*) AS conversations,
       count(*) FILTER (WHERE contained) AS contained,
       count(*) FILTER (WHERE escalated) AS escalated,
       count(*) FILTER (WHERE abandoned) AS abandoned,
       CASE WHEN count(*) > 0 THEN count(*) FILTER (WHERE contained) / count(*) END AS containment_rate,
       CASE WHEN count(*) > 0 THEN count(*) FILTER (WHERE escalated) / count(*) END AS escalation_rate,
       CASE WHEN count(*) > 0 THEN count(*) FILTER (WHERE abandoned) / count(*) END AS abandoned_rate,
       count(csat) AS csat_responses,
       avg(csat)::DOUBLE AS csat_average,
       CASE WHEN count(csat) > 0 THEN count(csat) / count(*) END AS csat_response_rate
FROM classified
GROUP BY GROUPING SETS ((), (intent))
ORDER BY is_total DESC, conversations DESC, intent NULLS LAST
