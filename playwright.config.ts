import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
/** The same build on the same database with CARRIER_SIMULATION=fail: the carrier outage specs use it. */
const carrierDownPort = Number(process.env.E2E_CARRIER_DOWN_PORT ?? port + 1);
// Carrier workers off in both, so nothing retries behind a spec's back: the retry is the spec's own.
const serverEnv = { CARRIER_WORKER: "off" };

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
      env: { ...serverEnv },
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
  ],
});
