import { migrateDatabase } from "@/db/migrate";
import { applyRuntimeGrants, roleOf } from "@/db/roles";

// DATABASE_OWNER_URL migrates; DATABASE_URL names the runtime role to grant (README, "Running it for a team").
const url = process.env.DATABASE_URL;
const ownerUrl = process.env.DATABASE_OWNER_URL ?? url;
if (!url || !ownerUrl) {
  console.error("Set DATABASE_URL to the database to migrate (npm start migrates the embedded one by itself).");
  process.exit(1);
}
await migrateDatabase(ownerUrl);
console.log("Migrations applied.");
if (roleOf(ownerUrl) !== roleOf(url)) {
  await applyRuntimeGrants(ownerUrl, roleOf(url));
  console.log(`Runtime grants applied to "${roleOf(url)}".`);
}
