import { expect, test } from "@playwright/test";
import { open, storageState } from "./support";

test.use({ storageState: storageState("agent") });

test("a slow navigation shows the progress bar until the next page arrives", async ({ page }) => {
  // Hold the plans page's server answer back for a moment. Its prefetches are refused, from before the page loads:
  // a prefetch that finished before the click served the page at once, and the bar (shown after 120 ms) never came.
  await page.route(
    (url) => url.pathname === "/plans",
    async (route) => {
      const headers = route.request().headers();
      if (headers["next-router-prefetch"] || headers["next-router-segment-prefetch"]) return route.abort();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    },
  );
  await open(page, "/customers");
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "Loading…" });
  await expect(progress).toBeHidden();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Plans" }).click();
  await expect(progress).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Plan catalog" })).toBeVisible();
  await expect(page.locator("[data-loading]")).toHaveCount(0);
  await expect(progress).toBeHidden();
});
