import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * Screenshots of every page in 繁體中文 at 1440 and 390 px, for people to look
 * at (not assertions): `npx playwright test -c playwright.screenshots.config.ts`
 * with the same environment as the e2e run. Output: test-results/screenshots/zh-Hant/.
 */
export default defineConfig({
  ...base,
  testDir: "tests/screenshots",
  testMatch: /.*\.shots\.ts/,
  projects: [
    { name: "setup", testDir: "tests/e2e", testMatch: /auth\.setup\.ts/ },
    { name: "screenshots", dependencies: ["setup"] },
  ],
});
