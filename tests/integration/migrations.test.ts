import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createDb } from "@/db/client";
import { migrateDatabase, MIGRATIONS_FOLDER } from "@/db/migrate";
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

  it("refold names written before 繁简 folding, and give existing plans a Traditional name", async () => {
    // The migrations as they stood before the fold: the journal cut just before it.
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"));
    const cut = journal.entries.findIndex((e: { tag: string }) => e.tag.includes("fold-traditional-and-simplified"));
    expect(cut).toBeGreaterThan(0);
    const before = mkdtempSync(path.join(tmpdir(), "rd-migrations-"));
    try {
      cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
      writeFileSync(
        path.join(before, "meta/_journal.json"),
        JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }),
      );
      await withFreshDatabase(async (url) => {
        const old = createDb(url, { max: 1 });
        try {
          await migrate(old.db, { migrationsFolder: before });
        } finally {
          await old.close();
        }
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await sql`insert into customers (name_zh, name_en) values ('鄧麗華', 'Tang Lai Wah')`;
          await sql`insert into plans (code, name_en, name_zh) values ('OLD-PLAN', 'Monthly', '中港通轻享月卡')`;
          await migrateDatabase(url);
          const [customer] = await sql`select search_name, name_grams from customers`;
          expect(customer?.search_name).toBe("tang lai wah 邓丽华");
          expect(customer?.name_grams).toEqual(expect.arrayContaining(["邓丽", "丽华", "邓"]));
          const [plan] = await sql`select name_zh, name_zh_hant from plans where code = 'OLD-PLAN'`;
          expect(plan).toEqual({ name_zh: "中港通轻享月卡", name_zh_hant: "中港通輕享月卡" });
        } finally {
          await sql.end();
        }
      });
    } finally {
      rmSync(before, { recursive: true, force: true });
    }
  });
});
