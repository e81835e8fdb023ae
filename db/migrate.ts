import { migrate } from "drizzle-orm/postgres-js/migrator";
import path from "node:path";
import { createDb } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Applies pending migrations; an advisory lock keeps two starting instances from racing. */
export async function migrateDatabase(url: string): Promise<void> {
  const client = createDb(url, { max: 1, applicationName: "renewal-desk-migrate" });
  try {
    await client.sql`select pg_advisory_lock(72146001)`;
    await migrate(client.db, { migrationsFolder: MIGRATIONS_FOLDER });
    await client.sql`select pg_advisory_unlock(72146001)`;
  } finally {
    await client.close();
  }
}
