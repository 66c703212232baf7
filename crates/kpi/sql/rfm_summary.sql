-- Follows `WITH scored AS (<the RFM scores query>)`. Rows with r and f NULL
-- are the totals of a segment; the others are cells of the R x F grid.
SELECT r, f, segment, count(*) AS customers, round(avg(monetary), 2) AS mean_monetary
FROM scored
GROUP BY GROUPING SETS ((r, f, segment), (segment))
ORDER BY segment, r, f
