import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "@/db/migrate";
import { withFreshDatabase } from "../helpers/db";

describe("migrations", () => {
  it("apply to an empty database, and applying them again changes nothing", async () => {
    await withFreshDatabase(async (url) => {
      await migrateDatabase(url);
      await migrateDatabase(url);
      const sql = postgres(url, { max: 1 });
      try {
        const tables = await sql<{ table_name: string }[]>`
          select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
        expect(tables.map((t) => t.table_name)).toEqual(
          expect.arrayContaining([
            "audit_log",
            "card_numbers",
            "cards",
            "customers",
            "idempotency_keys",
            "notifications",
            "payments",
            "periods",
            "plan_versions",
            "plans",
            "refunds",
            "renewal_daily_stats",
            "renewals",
            "sign_in_throttle",
            "staff",
            "stored_value_ledger",
          ]),
        );
        const extensions =
          await sql`select extname from pg_extension where extname in ('pg_trgm', 'unaccent') order by extname`;
        expect(extensions.map((e) => e.extname)).toEqual(["pg_trgm", "unaccent"]);
        const [db] = await sql`select datctype from pg_database where datname = current_database()`;
        expect(db?.datctype).toMatch(/utf-?8/i);
        const [applied] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
        expect(applied?.n).toBeGreaterThanOrEqual(3);
      } finally {
        await sql.end();
      }
    });
  });

  it("derive search columns in the database: folded names and Chinese name pieces", async () => {
    await withFreshDatabase(
      async (url) => {
        const sql = postgres(url, { max: 1 });
        try {
          const [row] =
            await sql`insert into customers (name_zh, name_en) values ('王伟', 'Émilie  Dubois') returning search_name, name_grams`;
          expect(row?.search_name).toBe("emilie  dubois 王伟");
          expect(row?.name_grams).toEqual(["伟", "王", "王伟"]);
        } finally {
          await sql.end();
        }
      },
      { migrate: true },
    );
  });
});
