import { migrateDatabase } from "@/db/migrate";
import { applyRuntimeGrants, roleOf } from "@/db/roles";
import { databaseEnv } from "@/lib/env";
import { requireDatabaseUrl } from "./lib/database-url.mts";

// DATABASE_OWNER_URL migrates; DATABASE_URL names the runtime role to grant (README, "Running it for a team").
const url = requireDatabaseUrl("the database to migrate (npm start migrates the embedded one by itself)");
const ownerUrl = databaseEnv().DATABASE_OWNER_URL ?? url;
await migrateDatabase(ownerUrl);
console.log("Migrations applied.");
if (roleOf(ownerUrl) !== roleOf(url)) {
  await applyRuntimeGrants(ownerUrl, roleOf(url));
  console.log(`Runtime grants applied to "${roleOf(url)}".`);
}
