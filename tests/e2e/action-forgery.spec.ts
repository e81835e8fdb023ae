import { expect, test, type Request } from "@playwright/test";
import { open, storageState, withSql } from "./support";
import { createCardholder, searchBox } from "./lookup-support";

test.use({ storageState: storageState("agent") });

/**
 * A server action is a public POST endpoint: whoever learns its id can call
 * it. Replayed without the session cookie, the suggestions action must answer
 * "session ended" and nothing else, whatever the proxy in front of it does.
 */
test("a replayed search-suggestions call without the session cookie gets no customer data", async ({
  page,
  playwright,
  baseURL,
}) => {
  const holder = await createCardholder();
  const before = await withSql(
    (sql) => sql`
    select c.validity_end, c.stored_value_hkd_minor, c.updated_at, cu.updated_at as customer_updated_at,
      (select count(*)::int from audit_log where entity_type = 'card' and entity_id = ${String(holder.cardId)}) as audit_rows
    from cards c join customers cu on cu.id = c.customer_id where c.id = ${holder.cardId}`,
  );

  const calls: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) calls.push(request);
  });
  await open(page, "/plans");
  await searchBox(page).fill(holder.national);
  await expect(page.getByRole("option").first()).toContainText(holder.name);
  const call = calls.at(-1)!;
  expect(call).toBeDefined();
  const body = call.postData()!;
  expect(body).toContain(holder.national);
  const headers = {
    "next-action": call.headers()["next-action"]!,
    "content-type": call.headers()["content-type"] ?? "text/plain;charset=UTF-8",
    accept: "text/x-component",
    origin: new URL(baseURL!).origin,
  };

  // The same request with the session, to prove the replay itself is faithful.
  const signedIn = await page.request.post(call.url(), { headers, data: body });
  expect(await signedIn.text()).toContain(holder.name);

  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    const response = await anonymous.post(call.url(), { headers, data: body, maxRedirects: 0 });
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect(text).toContain("Your session has ended. Sign in again to continue.");
    expect(text).toContain('"ok":false');
    for (const secret of [holder.name, holder.national, holder.iccid, "Card #", '"ok":true']) {
      expect(text).not.toContain(secret);
    }
  } finally {
    await anonymous.dispose();
  }

  const after = await withSql(
    (sql) => sql`
    select c.validity_end, c.stored_value_hkd_minor, c.updated_at, cu.updated_at as customer_updated_at,
      (select count(*)::int from audit_log where entity_type = 'card' and entity_id = ${String(holder.cardId)}) as audit_rows
    from cards c join customers cu on cu.id = c.customer_id where c.id = ${holder.cardId}`,
  );
  expect(after).toEqual(before);
});
