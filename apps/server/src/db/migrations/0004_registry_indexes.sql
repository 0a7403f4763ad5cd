-- Member registry indexes for province scale (1,000,000 enterprises; measured by bench/registry-search.ts):
-- covering, partial indexes so that a list's total is counted from the index alone (an index-only scan)
-- instead of visiting tens of thousands of heap pages. Every registry list, count and export filters
-- merged_into_id IS NULL, so the merged duplicates stay out of them.

-- A district's scope is a few dozen org units: per unit, an exact range for the industry and size filters
-- (without it the planner ANDs a province-wide industry bitmap once per unit: 300 ms for a 20-row page), and
-- the status and division filters checked in the index.
CREATE INDEX enterprises_scope_filters_idx ON enterprises (org_unit_id, industry_code, size, membership_status)
  INCLUDE (division_code)
  WHERE merged_into_id IS NULL;

-- A province or city scope covers most org units: there the filter value leads, and the org unit rides along
-- so that the scope check needs no heap visit either.
CREATE INDEX enterprises_industry_filters_idx ON enterprises (industry_code, size)
  INCLUDE (org_unit_id, membership_status, division_code)
  WHERE merged_into_id IS NULL;
CREATE INDEX enterprises_division_filters_idx ON enterprises (division_code text_pattern_ops)
  INCLUDE (org_unit_id, membership_status, industry_code, size)
  WHERE merged_into_id IS NULL;
