CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary can change); naming the dictionary
-- explicitly makes this wrapper safe to mark IMMUTABLE and use in generated columns.
CREATE OR REPLACE FUNCTION fold_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
--> statement-breakpoint
-- Two-character Chinese names yield no trigram, so every one- and two-character
-- piece of the Chinese name is indexed separately (GIN, queried with @>).
CREATE OR REPLACE FUNCTION cjk_name_grams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT piece ORDER BY piece), '{}')
  FROM (
    SELECT substr(compact, i, n) AS piece
    FROM (SELECT regexp_replace(coalesce(value, ''), '[[:space:]·・]', '', 'g') AS compact) c,
         generate_series(1, char_length(compact)) AS i,
         (VALUES (1), (2)) AS lengths(n)
    WHERE i + n - 1 <= char_length(compact)
  ) pieces
$$;
