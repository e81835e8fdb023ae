import { migrateDatabase } from "@/db/migrate";
import { requireDatabaseUrl } from "./lib/database-url.mts";

const url = requireDatabaseUrl("the database to migrate (npm start migrates the embedded one by itself)");
await migrateDatabase(url);
console.log("Migrations applied.");
