-- Parameters: first and last day of the period (both NULL for all time).
WITH period AS (SELECT CAST(? AS DATE) AS from_day, CAST(? AS DATE) AS to_day)
SELECT count(*) AS abandoned_checkouts,
       count(recovered_order_id) AS recovered_checkouts,
       CASE WHEN count(*) > 0 THEN count(recovered_order_id) / count(*) END AS recovery_rate
FROM abandoned_checkouts, period
WHERE from_day IS NULL OR CAST(created_at AS DATE) BETWEEN from_day AND to_day
