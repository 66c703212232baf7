WITH customer_orders AS (
    SELECT customer_id,
           max(created_at) AS last_order_at,
           count(*) AS frequency,
           coalesce(sum(total), 0)::DOUBLE AS monetary
    FROM orders
    WHERE cancelled_at IS NULL AND customer_id IS NOT NULL
    GROUP BY customer_id
),
data_end AS (
    SELECT CAST(max(created_at) AS DATE) AS last_day FROM orders
),
scores AS (
    SELECT customer_id,
           datediff('day', CAST(last_order_at AS DATE), last_day) AS recency_days,
           frequency,
           monetary,
           ntile(5) OVER (ORDER BY last_order_at, customer_id) AS r,
           ntile(5) OVER (ORDER BY frequency, monetary, customer_id) AS f,
           ntile(5) OVER (ORDER BY monetary, customer_id) AS m
    FROM customer_orders, data_end
)
SELECT customer_id, recency_days, frequency, monetary, r, f, m,
       CASE
           WHEN r = 5 AND f >= 4 THEN 'champions'
           WHEN r >= 3 AND f >= 4 THEN 'loyal'
           WHEN r >= 4 AND f >= 2 THEN 'potential_loyalists'
           WHEN r = 5 THEN 'new'
           WHEN r = 4 THEN 'promising'
           WHEN r = 3 AND f = 3 THEN 'need_attention'
           WHEN r = 3 THEN 'about_to_sleep'
           WHEN f = 5 THEN 'cant_lose_them'
           WHEN f >= 3 THEN 'at_risk'
           WHEN r = 2 THEN 'hibernating'
           ELSE 'lost'
       END AS segment
FROM scores
