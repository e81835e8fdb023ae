import { describe, expect, it } from "vitest";
import { NORMALISED_REFERENCE } from "@/lib/domain/payment-reference";
import { testDb } from "../helpers/db";
import { createCustomerWithCard } from "../helpers/factories";

/**
 * Checks on every write, made cheaper without changing what they accept.
 *
 * Migration 0019 rewrote the functions behind customers' generated search
 * columns in PL/pgSQL for speed. Stored generated values are not recomputed
 * when a function is replaced, so the new bodies must give exactly what the
 * SQL definitions of migration 0005 gave: compared here on awkward inputs and
 * on a few thousand generated names.
 */
const previousDefinitions = `
  CREATE FUNCTION pg_temp.fold_search_text_sql(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, fold_han(value))) $$;
  CREATE FUNCTION pg_temp.cjk_name_grams_sql(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT coalesce(array_agg(DISTINCT piece ORDER BY piece), '{}')
    FROM (
      SELECT substr(compact, i, n) AS piece
      FROM (SELECT regexp_replace(fold_han(coalesce(value, '')), '[[:space:]·・]', '', 'g') AS compact) c,
           generate_series(1, char_length(compact)) AS i,
           (VALUES (1), (2)) AS lengths(n)
      WHERE i + n - 1 <= char_length(compact)
    ) pieces
  $$;`;

const awkward = [
  null,
  "",
  " ",
  "a",
  "偉",
  "偉偉偉",
  "歐陽 偉",
  "司徒·嘉欣",
  "王・芳",
  "Émilie Dubois",
  "ZOË  O'Brien",
  "深圳星河贸易有限公司",
  "香港東方物流有限公司",
  "黃嘉欣 Wong Ka Yan",
  "😀陳",
  "\t陳\n大文 ",
];

describe("customers' search functions (PL/pgSQL since migration 0019)", () => {
  it("give exactly the output of their SQL definitions", async () => {
    const { sql } = testDb();
    await sql
      .begin(async (tx) => {
        await tx.unsafe(previousDefinitions);
        const characters = [..."陳陈黃黄歐欧陽阳偉伟嘉欣志明鄧邓芳麗丽華华 ·・abcÉéü'-"];
        // Deterministic pseudo-random names of 1–6 characters from a mix of scripts.
        const generated = Array.from({ length: 3000 }, (_, i) => {
          const length = 1 + (i % 6);
          return Array.from({ length }, (_, k) => characters[(i * 7919 + k * 104729) % characters.length]).join("");
        });
        const rows = await tx<{ value: string | null; same_text: boolean; same_grams: boolean }[]>`
        select value,
          fold_search_text(value) is not distinct from pg_temp.fold_search_text_sql(value) as same_text,
          cjk_name_grams(value) = pg_temp.cjk_name_grams_sql(value) as same_grams
        from unnest(${[...awkward, ...generated] as string[]}::text[]) as value`;
        expect(rows).toHaveLength(awkward.length + generated.length);
        expect(rows.filter((row) => !row.same_text || !row.same_grams)).toEqual([]);
        // And they still fold: Traditional to Simplified, accents away, pieces of one and two characters.
        const [sample] = await tx<{ text: string; grams: string[] }[]>`
        select fold_search_text('Émilie 歐陽偉') as text, cjk_name_grams('歐陽 偉') as grams`;
        expect(sample).toEqual({ text: "emilie 欧阳伟", grams: ["伟", "欧", "欧阳", "阳", "阳伟"] });
        // The temporary definitions go with the transaction.
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });
});

class Rollback extends Error {}

describe("payments' reference check (no bounded repeat since migration 0020)", () => {
  it("accepts exactly the normalised references lib/domain/payment-reference.ts accepts", async () => {
    const { db, sql } = testDb();
    const { cardId } = await createCustomerWithCard(db);
    const samples = [
      "FRN1066",
      "ABC",
      "ABCD",
      "A".repeat(64),
      "A".repeat(65),
      "_ABC",
      "/ABC",
      ".ABC",
      "AB_C/D.E",
      "abcd",
      "AB-CD",
      "AB CD",
      "4200000000202612019999000001",
      "9".repeat(4),
    ];
    for (const reference of samples) {
      const inserted = await sql
        .begin(async (tx) => {
          await tx`insert into payments (purpose, card_id, method, reference, amount_minor, currency)
                   values ('top_up', ${cardId}, 'fps', ${reference}, 1000, 'HKD')`;
          throw new Rollback();
        })
        .then(
          () => "accepted",
          (error: unknown) => (error instanceof Rollback ? "accepted" : "refused"),
        );
      expect({ reference, inserted }).toEqual({
        reference,
        inserted: NORMALISED_REFERENCE.test(reference) ? "accepted" : "refused",
      });
    }
  });
});
