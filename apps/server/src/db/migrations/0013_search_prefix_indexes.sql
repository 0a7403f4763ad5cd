-- Searching the registry by a common fragment (科技, kj: a sixth of a province matches): the total is counted
-- up to a cap and the page is found by walking the pinyin sort index, with the matches that rank first —
-- the exact name and names that begin with the query — found apart through these prefix indexes (measured
-- by bench/registry-search.ts). name_initials has had one since 0002.
CREATE INDEX enterprises_search_name_prefix_idx ON enterprises (search_name text_pattern_ops)
  WHERE merged_into_id IS NULL;
CREATE INDEX enterprises_pinyin_prefix_idx ON enterprises (name_pinyin text_pattern_ops)
  WHERE merged_into_id IS NULL;
