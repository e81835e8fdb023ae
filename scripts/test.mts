/**
 * `npm test`: typecheck, formatting, lint, unit, integration (real PostgreSQL), production
 * build, and end-to-end tests in Chromium against `next start`.
 * `--only <step>` runs one step. The database is TEST_DATABASE_URL's server
 * when given (each run creates and drops its own databases there), otherwise a
 * throwaway embedded PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/db/admin";
import { applyRuntimeGrants, dropRole, ensureRuntimeRole, urlAsRole } from "@/db/roles";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import { parseArgs } from "./lib/args.mts";
import { sourceHash } from "./lib/build-hash.mts";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "./lib/embedded-postgres.mts";
import { run } from "./lib/processes.mts";

const STEPS = ["typecheck", "format", "lint", "unit", "integration", "build", "e2e"] as const;
type Step = (typeof STEPS)[number];

const args = parseArgs(process.argv.slice(2), { only: "string" });
const only = args.only as Step | undefined;
if (only && !STEPS.includes(only)) throw new Error(`--only takes one of ${STEPS.join(", ")}`);
const steps = only ? [only] : [...STEPS];

const say = (message: string) => console.log(`\n[test] ${message}`);
const timings: string[] = [];
let embedded: RunningPostgres | undefined;
const embeddedDir = path.resolve(".data", `test-postgres-${process.pid}`);
const createdDatabases: string[] = [];
const createdRoles: string[] = [];
let serverUrl: string | undefined;

async function server(): Promise<string> {
  if (serverUrl) return serverUrl;
  if (process.env.TEST_DATABASE_URL) {
    serverUrl = process.env.TEST_DATABASE_URL;
    say(`Using the PostgreSQL server of TEST_DATABASE_URL.`);
  } else {
    say("Starting a throwaway embedded PostgreSQL …");
    embedded = await startEmbeddedPostgres({ dataDir: embeddedDir, ephemeral: true, log: (m) => console.log(m) });
    serverUrl = embedded.serverUrl;
  }
  return serverUrl;
}

async function freshDatabase(kind: string): Promise<string> {
  const base = await server();
  const name = `rd_${kind}_${process.pid}_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(base, name);
  createdDatabases.push(name);
  const url = databaseUrl(base, name);
  await migrateDatabase(url);
  return url;
}

function findChromium(): string {
  const candidates: string[] = [];
  if (process.env.CHROMIUM_PATH) candidates.push(process.env.CHROMIUM_PATH);
  try {
    // Playwright's own browser, where `npx playwright install` could run.
    const own = execFileSync(
      process.execPath,
      ["-e", "process.stdout.write(require('@playwright/test').chromium.executablePath())"],
      { encoding: "utf8" },
    );
    if (own) candidates.push(own);
  } catch {
    // no Playwright browser: fine
  }
  candidates.push("/usr/bin/chromium", "/usr/bin/chromium-browser");
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    say("No Chromium found: installing Debian's chromium with apt-get …");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  throw new Error(
    "No Chromium for the end-to-end tests. Install one (Debian: `apt-get install chromium`; elsewhere `npx playwright install chromium`) or set CHROMIUM_PATH.",
  );
}

const handlers: Record<Step, () => Promise<void>> = {
  // Route types first: a .next/types left by an older build names pages that have moved since.
  typecheck: async () => {
    await run("npx", ["next", "typegen"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    await run("npx", ["tsc", "--noEmit"]);
  },
  format: () => run("npx", ["prettier", "--check", "."]),
  lint: () => run("npx", ["eslint", "--max-warnings", "0", "."]),
  unit: () => run("npx", ["vitest", "run", "--project", "unit"]),
  integration: async () => {
    const url = await freshDatabase("it");
    await run("npx", ["vitest", "run", "--project", "integration"], {
      env: { ...process.env, DATABASE_URL: url, TEST_SERVER_URL: await server() },
    });
  },
  build: async () => {
    await run("npx", ["next", "build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    writeFileSync(path.join(".next", "source-hash"), sourceHash());
  },
  e2e: async () => {
    const chromium = findChromium();
    const url = await freshDatabase("e2e");
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await seedDemoData(sql, { customers: 2000 });
    } finally {
      await sql.end();
    }
    // `--only e2e` must never test a build older than the source.
    const stamp = path.join(".next", "source-hash");
    if (
      !existsSync(path.join(".next", "BUILD_ID")) ||
      !existsSync(stamp) ||
      readFileSync(stamp, "utf8") !== sourceHash()
    )
      await handlers.build();
    // The app under test connects as a runtime role (DML only), as in production;
    // the specs arrange rows through DATABASE_URL, the owner.
    const role = `rd_app_${process.pid}`;
    const password = randomBytes(18).toString("base64url");
    await ensureRuntimeRole(await server(), role, password);
    createdRoles.push(role);
    await applyRuntimeGrants(url, role);
    const port = await freePort();
    // Two more servers on the same database: a strict one (short sessions, 2FA, tiny limits) and one whose
    // simulated carrier fails every request (outage specs).
    let strictPort = await freePort();
    while (strictPort === port) strictPort = await freePort();
    let failPort = await freePort();
    while (failPort === port || failPort === strictPort) failPort = await freePort();
    await run("npx", ["playwright", "test"], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        E2E_APP_DATABASE_URL: urlAsRole(url, role, password),
        E2E_STRICT_PORT: String(strictPort),
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        E2E_PORT: String(port),
        E2E_CARRIER_DOWN_PORT: String(failPort),
        CHROMIUM_PATH: chromium,
      },
    });
  },
};

let failed = false;
try {
  for (const step of steps) {
    say(`${step} …`);
    const started = Date.now();
    await handlers[step]();
    timings.push(`${step} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} catch (error) {
  failed = true;
  console.error(`\n[test] FAILED: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (serverUrl) for (const name of createdDatabases) await dropDatabase(serverUrl, name).catch(() => {});
  if (serverUrl) for (const role of createdRoles) await dropRole(serverUrl, role).catch(() => {});
  await embedded?.stop().catch(() => {});
  if (existsSync(embeddedDir)) rmSync(embeddedDir, { recursive: true, force: true });
  rmSync(`${embeddedDir}.password`, { force: true });
}
say(`${failed ? "failed" : "passed"} — ${timings.join(" · ")}`);
process.exit(failed ? 1 : 0);
