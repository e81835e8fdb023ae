import { expect, test as setup } from "@playwright/test";
import { roles, signIn, storageState } from "./support";

for (const role of roles) {
  setup(`signs in as the demo ${role}`, async ({ page }) => {
    await signIn(page, `${role}@example.com`);
    await expect(page).toHaveURL(/\/customers/);
    await page.context().storageState({ path: storageState(role) });
  });
}
