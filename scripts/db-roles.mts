/**
 * `npm run db:roles`: prints the SQL that creates the two database roles (the
 * owner that migrates, the runtime role the app connects as) and the database,
 * with the grants for review. `--apply` applies only the grants, as
 * DATABASE_OWNER_URL, to DATABASE_URL's role (`npm run db:migrate` does the same after migrating).
 */
import { applyRuntimeGrants, roleOf, roleSetupScript } from "@/db/roles";
import { parseArgs } from "./lib/args.mts";

const args = parseArgs(process.argv.slice(2), {
  owner: "string",
  runtime: "string",
  database: "string",
  apply: "boolean",
});

if (args.apply) {
  const ownerUrl = process.env.DATABASE_OWNER_URL;
  const url = process.env.DATABASE_URL;
  if (!ownerUrl || !url) {
    console.error("--apply needs DATABASE_OWNER_URL (the owner) and DATABASE_URL (the runtime role).");
    process.exit(1);
  }
  await applyRuntimeGrants(ownerUrl, roleOf(url));
  console.log(`Runtime grants applied to "${roleOf(url)}".`);
} else {
  console.log(
    roleSetupScript({
      owner: String(args.owner ?? "renewal_desk_owner"),
      runtime: String(args.runtime ?? "renewal_desk_app"),
      database: String(args.database ?? "renewal_desk"),
    }),
  );
}
