import { migrate } from "drizzle-orm/postgres-js/migrator";
import path from "node:path";
import { createDb } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Applies pending migrations; an advisory lock keeps two starting instances
 * from racing. A migration's WARNING (e.g. payment references that collide
 * once normalised) is passed to `report`, so it is seen, not swallowed.
 */
export async function migrateDatabase(
  url: string,
  options: { migrationsFolder?: string; report?: (warning: string) => void } = {},
): Promise<void> {
  const report = options.report ?? ((warning: string) => console.warn(`[migrate] ${warning}`));
  const client = createDb(url, {
    max: 1,
    applicationName: "renewal-desk-migrate",
    onNotice: (notice) => {
      if (notice.severity === "WARNING") report(String(notice.message));
    },
  });
  try {
    await client.sql`select pg_advisory_lock(72146001)`;
    await migrate(client.db, { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER });
    await client.sql`select pg_advisory_unlock(72146001)`;
  } finally {
    await client.close();
  }
}
