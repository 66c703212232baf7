-- Per-visitor attributes an experiment log may carry on its exposure row:
-- the segments results are broken down by, and the pre-exposure revenue
-- CUPED uses as its covariate. NULL when the log does not have them.
ALTER TABLE experiment_exposures ADD COLUMN device VARCHAR;
ALTER TABLE experiment_exposures ADD COLUMN country VARCHAR;
ALTER TABLE experiment_exposures ADD COLUMN customer_type VARCHAR;     -- new | returning | vip
ALTER TABLE experiment_exposures ADD COLUMN pre_period_value DOUBLE;
