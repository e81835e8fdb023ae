import { randomBytes } from "node:crypto";
import type { Page, Request } from "@playwright/test";
import { createPlan } from "../helpers/factories";
import { withDb, withSql } from "./support";

export function uniquePlanCode(prefix = "E2E") {
  return `${prefix}-${randomBytes(3).toString("hex").toUpperCase()}`;
}

/** A draft plan at version 1 that no other spec touches. */
export async function createDraftPlan(code = uniquePlanCode()) {
  const { planId } = await withDb((db) =>
    createPlan(db, {
      status: "draft",
      code,
      nameEn: `E2E plan ${code}`,
      nameZh: `测试套餐 ${code}`,
      nameZhHant: `測試套餐 ${code}`,
      sortOrder: 500,
    }),
  );
  return { id: planId, code };
}

export async function planByCode(code: string) {
  return withSql(async (sql) => {
    const rows = await sql`select id, status, lock_version from plans where code = ${code}`;
    return rows[0] ?? null;
  });
}

/**
 * Submits a form with the browser but keeps the request from reaching the
 * server, and hands it back: a real server-action POST (action id, router
 * state, multipart body) that a test can replay from another session.
 */
export async function captureFormPost(
  page: Page,
  path: string,
  submit: () => Promise<void>,
): Promise<{ headers: Record<string, string>; body: Buffer }> {
  let captured: Request | undefined;
  await page.route(`**${path}`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    captured = route.request();
    await route.abort();
  });
  await submit();
  for (let i = 0; i < 100 && !captured; i++) await page.waitForTimeout(50);
  await page.unroute(`**${path}`);
  if (!captured) throw new Error(`no POST to ${path} was made`);
  const headers = await captured.allHeaders();
  return { headers, body: captured.postDataBuffer()! };
}
