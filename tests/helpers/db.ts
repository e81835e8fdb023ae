import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/db/admin";
import { createDb, type Db, type DbClient } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

let shared: DbClient | undefined;

/** The suite's migrated database; each test makes its own rows through factories. */
export function testDb(): DbClient {
  shared ??= createDb(process.env.DATABASE_URL!, { max: 4, applicationName: "renewal-desk-tests" });
  return shared;
}

afterAll(async () => {
  await shared?.close();
  shared = undefined;
});

/** A brand-new database on the test server, dropped when `work` finishes. */
export async function withFreshDatabase<T>(
  work: (url: string) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const server = process.env.TEST_SERVER_URL!;
  const name = `rd_fresh_${randomBytes(5).toString("hex")}`;
  await ensureDatabase(server, name);
  const url = databaseUrl(server, name);
  try {
    if (options.migrate) await migrateDatabase(url);
    return await work(url);
  } finally {
    await dropDatabase(server, name);
  }
}

/**
 * `work` on a migrated database of its own, for tests of a worker that claims
 * every due row of its table (carrier requests, SMS): other test files' rows
 * are never taken, and theirs never taken by it.
 */
export async function inOwnDatabase(work: (db: Db) => Promise<void>): Promise<void> {
  await withFreshDatabase(
    async (url) => {
      const client = createDb(url, { max: 6, applicationName: "renewal-desk-own-db" });
      try {
        await work(client.db);
      } finally {
        await client.close();
      }
    },
    { migrate: true },
  );
}
