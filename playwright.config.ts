import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
/**
 * A second server on the same database with short sessions, 2FA required for
 * supervisors and admins, tiny export limits, and one trusted proxy hop.
 */
const strictPort = Number(process.env.E2E_STRICT_PORT ?? 3101);
export const strictBaseURL = `http://127.0.0.1:${strictPort}`;
/** The same build on the same database with CARRIER_SIMULATION=fail: the carrier outage specs use it. */
const carrierDownPort = Number(process.env.E2E_CARRIER_DOWN_PORT ?? 3102);
// Every server connects as the runtime role (DML only) when scripts/test.mts provides one.
const appDatabaseUrl = process.env.E2E_APP_DATABASE_URL ?? process.env.DATABASE_URL ?? "";
// Carrier workers off everywhere, so nothing retries behind a spec's back: the retry is the spec's own.
// The demo supervisor and admin sign in with a password only, and the specs share each demo login across
// parallel workers, which a per-person rate limit would count as one very fast person. The strict server
// keeps the defaults (2FA) or tightens them (exports) to test them.
const serverEnv = {
  DATABASE_URL: appDatabaseUrl,
  CARRIER_WORKER: "off",
  TWO_FACTOR_ROLES: "none",
  RATE_LIMIT_SUGGESTIONS_PER_MINUTE: "100000",
  RATE_LIMIT_SEARCHES_PER_MINUTE: "100000",
};

// Flags that keep Debian's Chromium quiet on a machine with no outside network.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // `E2E_GREP=<regex> npm run test:e2e` runs matching tests only, on the same prepared database and servers.
  grep: process.env.E2E_GREP ? new RegExp(process.env.E2E_GREP) : undefined,
  // `E2E_REPEAT=<n>` runs each of them n times: how a suspected flake is reproduced.
  repeatEach: Number(process.env.E2E_REPEAT ?? 1),
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "en-GB",
    timezoneId: "Asia/Hong_Kong",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || undefined, args: chromiumArgs },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } },
      dependencies: ["setup"],
    },
  ],
  webServer: [
    {
      command: `npx next start -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/api/health`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `npx next start -p ${carrierDownPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${carrierDownPort}/api/health`,
      env: { ...serverEnv, CARRIER_SIMULATION: "fail", SMS_WORKER: "off" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `npx next start -p ${strictPort} -H 127.0.0.1`,
      url: `${strictBaseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: appDatabaseUrl,
        CARRIER_WORKER: "off",
        SMS_WORKER: "off",
        // Long enough that a slow page load on a busy machine is not "idle", short enough to wait out.
        SESSION_IDLE_SECONDS: "8",
        SESSION_MAX_SECONDS: "20",
        RATE_LIMIT_EXPORTS_PER_HOUR: "2",
        // As if behind one proxy: the test plays it, writing X-Forwarded-For and -Proto.
        TRUSTED_PROXY_HOPS: "1",
      },
    },
  ],
});
