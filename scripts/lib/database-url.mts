import { databaseEnv } from "@/lib/env";

/** DATABASE_URL for a script, validated by lib/env.ts; without it the script stops and says what to set. */
export function requireDatabaseUrl(purpose: string): string {
  if (!process.env.DATABASE_URL) {
    console.error(`Set DATABASE_URL to ${purpose}.`);
    process.exit(2);
  }
  try {
    return databaseEnv().DATABASE_URL;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
