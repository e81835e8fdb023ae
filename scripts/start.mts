/**
 * One command to run the console: `npm start`.
 * Without DATABASE_URL it starts an embedded PostgreSQL with its data under
 * .data/ and a runtime role for the app; then it migrates (as the owner),
 * grants the runtime role its rights, seeds demo data into an empty database,
 * builds if the source changed, and serves http://localhost:3000 connected as
 * the runtime role. Ctrl-C stops it all.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { ChildProcess } from "node:child_process";
import { databaseUrl, ensureDatabase } from "@/db/admin";
import { applyRuntimeGrants, ensureRuntimeRole, roleOf, urlAsRole } from "@/db/roles";
import { migrateDatabase } from "@/db/migrate";
import { env, launcherEnv } from "@/lib/env";
import { isEmpty, seedDemoData } from "@/db/seed";
import { parseArgs } from "./lib/args.mts";
import { sourceHash } from "./lib/build-hash.mts";
import { startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres.mts";
import { run, spawnGroup, stopChild } from "./lib/processes.mts";

const args = parseArgs(process.argv.slice(2), { dev: "boolean" });
const DATA_DIR = path.resolve(".data");
const config = (() => {
  try {
    return launcherEnv();
  } catch (error) {
    console.error(`[renewal-desk] Could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
})();
const PORT = config.PORT;
const say = (message: string) => console.log(`[renewal-desk] ${message}`);

let embedded: RunningPostgres | undefined;
let server: ChildProcess | undefined;
const children: ChildProcess[] = [];
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  say("Stopping …");
  await Promise.all(children.map((child) => stopChild(child)));
  await embedded?.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

function authSecret(): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  // Demo convenience only: production sets AUTH_SECRET (see README).
  const file = path.join(DATA_DIR, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** The embedded runtime role's password, made once and kept beside the cluster's own. */
function runtimePassword(): string {
  const file = path.join(DATA_DIR, "postgres.app-password");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(18).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function main() {
  // The app connects as DATABASE_URL's role; migrations and seeding run as the owner.
  let url = config.DATABASE_URL;
  let ownerUrl = config.DATABASE_OWNER_URL ?? url;
  if (!url) {
    say("No DATABASE_URL: starting the embedded PostgreSQL (data in .data/postgres).");
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "postgres"),
      port: config.PGPORT,
      log: say,
    });
    await ensureDatabase(embedded.serverUrl, "renewal_desk");
    ownerUrl = databaseUrl(embedded.serverUrl, "renewal_desk");
    const password = runtimePassword();
    await ensureRuntimeRole(embedded.serverUrl, "renewal_desk_app", password);
    url = urlAsRole(ownerUrl, "renewal_desk_app", password);
  }

  say("Applying migrations …");
  await migrateDatabase(ownerUrl!);
  if (roleOf(ownerUrl!) !== roleOf(url)) {
    say(`Granting the runtime role "${roleOf(url)}" its rights …`);
    await applyRuntimeGrants(ownerUrl!, roleOf(url));
  }

  const sql = postgres(ownerUrl!, { max: 1, onnotice: () => {} });
  try {
    if (config.DEMO_DATA === "off") say("DEMO_DATA=off: no demo data.");
    else if (await isEmpty(sql)) {
      say("Empty database: loading demo data (set DEMO_DATA=off to skip) …");
      await seedDemoData(sql, { customers: config.DEMO_CUSTOMERS, log: say });
    }
  } finally {
    await sql.end();
  }

  const childEnv = {
    ...process.env,
    DATABASE_URL: url,
    AUTH_SECRET: authSecret(),
    PORT: String(PORT),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Fail before building or serving when any setting is invalid (the server checks again at its start).
  env(childEnv);
  if (args.dev) {
    server = spawnGroup("npx", ["next", "dev", "-p", String(PORT)], { env: childEnv });
  } else {
    const hash = sourceHash();
    const stamp = path.join(".next", "source-hash");
    if (!existsSync(path.join(".next", "BUILD_ID")) || !existsSync(stamp) || readFileSync(stamp, "utf8") !== hash) {
      say("Building the console (first start or changed source) …");
      await run("npx", ["next", "build"], { env: childEnv });
      writeFileSync(stamp, hash);
    }
    server = spawnGroup("npx", ["next", "start", "-p", String(PORT)], { env: childEnv });
  }
  children.push(server);
  server.on("exit", (code) => {
    if (!shuttingDown) {
      say(`The web server exited (${code}).`);
      void shutdown(code ?? 1);
    }
  });
  say(`Console on http://localhost:${PORT} (demo logins in README.md). Ctrl-C stops everything.`);
}

main().catch(async (error) => {
  console.error(`[renewal-desk] Could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
