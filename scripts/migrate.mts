import { migrateDatabase } from "@/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the database to migrate (npm start migrates the embedded one by itself).");
  process.exit(1);
}
await migrateDatabase(url);
console.log("Migrations applied.");
