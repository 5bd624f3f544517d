-- Screening rates (issue 17) count a county's current results by year and school, grade and class: a
-- covering index on those dimensions holding the columns the counts read, so the rates are an
-- index-only scan (a few MB) instead of a scan of the results with their raw rows and explanations
-- (about 2 kB a row). It starts with the columns of screening_results_year_idx, which it replaces.
CREATE INDEX screening_results_rates_idx ON screening_results (region_id, year, org_id, grade, class_name)
  INCLUDE (student_id, myopic, va_left, va_right, glasses, bmi_category, fitness_grade)
  WHERE superseded_at IS NULL;
DROP INDEX screening_results_year_idx;
