import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardNumbers, plans, planVersions } from "@/db/schema";
import type { RenewCardInput } from "@/db/mutations/renew-card";
import { uniqueSuffix } from "./db";

export const rules = { graceDays: 30, capYears: 2 };

export async function createSellablePlan(
  db: Db,
  terms: Partial<{
    validityDays: number;
    extensionMode: "stack" | "max_from_today";
    priceHkdMinor: number;
    priceCnyMinor: number;
    status: "active" | "archived" | "draft";
  }> = {},
) {
  const [plan] = await db
    .insert(plans)
    .values({
      code: `T-${uniqueSuffix().toUpperCase()}`,
      nameEn: "Test Monthly 8GB",
      nameZh: "测试月卡 8GB",
      status: "draft",
    })
    .returning({ id: plans.id });
  const [version] = await db
    .insert(planVersions)
    .values({
      planId: plan!.id,
      version: 1,
      validityDays: terms.validityDays ?? 30,
      dataCnMb: 8192,
      dataHkMb: 4096,
      priceHkdMinor: terms.priceHkdMinor ?? 9800,
      priceCnyMinor: terms.priceCnyMinor ?? 8800,
      extensionMode: terms.extensionMode ?? "stack",
    })
    .returning({ id: planVersions.id });
  await db
    .update(plans)
    .set({ currentVersionId: version!.id, status: terms.status ?? "active" })
    .where(eq(plans.id, plan!.id));
  return { planId: plan!.id, planVersionId: version!.id };
}

export async function smsNumberOf(db: Db, cardId: number): Promise<string> {
  const [row] = await db
    .select({ msisdn: cardNumbers.msisdn })
    .from(cardNumbers)
    .where(eq(cardNumbers.cardId, cardId))
    .limit(1);
  return row!.msisdn;
}

let referenceCounter = 0;
export function newReference(): string {
  return `4200${Date.now()}${String(referenceCounter++).padStart(6, "0")}${Math.floor(Math.random() * 1e6)}`;
}

export async function renewInput(
  db: Db,
  cardId: number,
  planVersionId: number,
  overrides: Partial<RenewCardInput> = {},
): Promise<RenewCardInput> {
  return {
    idempotencyKey: randomUUID(),
    cardId,
    planVersionId,
    method: "wechat_pay",
    currency: "HKD",
    reference: newReference(),
    smsMsisdn: await smsNumberOf(db, cardId),
    smsLanguage: "zh-Hant",
    acknowledgeRecentRenewal: false,
    ...overrides,
  };
}
