-- The two functions behind customers' generated search columns, with the same
-- output, in PL/pgSQL. As SQL functions neither could be inlined (fold_search_text
-- is STRICT around a non-strict CASE; cjk_name_grams aggregates over
-- generate_series), so every call ran the SQL-function executor: 75 µs and
-- 285 µs a row, 36 s of a 100,000-customer seed and most of a 1M one. PL/pgSQL
-- caches its plan: 2 µs and 6 µs. tests/integration/write-path-checks.test.ts
-- compares both with the SQL definitions they replace.
CREATE OR REPLACE FUNCTION fold_search_text(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
AS $$
BEGIN
  RETURN lower(public.unaccent('public.unaccent'::regdictionary, fold_han(value)));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION cjk_name_grams(value text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
  -- Spaces and middle dots never part a name's characters: 歐陽 偉 gives 欧阳, 阳伟.
  compact text := regexp_replace(fold_han(coalesce(value, '')), '[[:space:]·・]', '', 'g');
  n int := char_length(compact);
  pieces text[] := '{}';
BEGIN
  -- Every character and every pair of neighbours, distinct and sorted.
  FOR i IN 1..n LOOP
    pieces := pieces || substr(compact, i, 1);
    IF i < n THEN
      pieces := pieces || substr(compact, i, 2);
    END IF;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT piece FROM unnest(pieces) AS piece ORDER BY piece);
END
$$;
