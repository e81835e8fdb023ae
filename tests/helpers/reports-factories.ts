import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { applyRenewalToRollup } from "@/db/mutations/_shared/renewal-rollup";
import { cards, payments, periods, plans, planVersions, renewals } from "@/db/schema";
import type { paymentMethods } from "@/lib/domain/enums";
import { DAY_MS } from "@/lib/domain/time";

type Method = (typeof paymentMethods)[number];

export async function createPlan(
  db: Db,
  overrides: Partial<{ priceHkdMinor: number; priceCnyMinor: number; validityDays: number }> = {},
) {
  const suffix = randomBytes(4).toString("hex").toUpperCase();
  const [plan] = await db
    .insert(plans)
    .values({ code: `RPT-${suffix}`, nameEn: `Report plan ${suffix}`, nameZh: `报表套餐 ${suffix}` })
    .returning({ id: plans.id });
  const [version] = await db
    .insert(planVersions)
    .values({
      planId: plan!.id,
      version: 1,
      validityDays: overrides.validityDays ?? 30,
      dataCnMb: 1024,
      dataHkMb: 1024,
      priceHkdMinor: overrides.priceHkdMinor ?? 9800,
      priceCnyMinor: overrides.priceCnyMinor ?? 8800,
    })
    .returning({ id: planVersions.id });
  await db.update(plans).set({ currentVersionId: version!.id, status: "active" }).where(eq(plans.id, plan!.id));
  return { planId: plan!.id, planVersionId: version!.id };
}

export interface RenewalInput {
  cardId: number;
  planVersionId: number;
  createdAt: Date;
  method?: Method;
  currency?: "HKD" | "CNY";
  priceMinor?: number;
  /** A staff id sells it at the console; null is a self-service renewal. */
  soldBy?: number | null;
  cardState?: "active" | "grace";
  previousValidityEnd?: Date;
  days?: number;
}

/**
 * Records a renewal the way the renewal transaction does, for reports (and
 * for the end-to-end tests, so this file imports nothing from vitest):
 * renewal, period and payment rows, the card's new validity end, and the
 * rollup upkeep, all in one transaction.
 */
export async function recordRenewal(db: Db, input: RenewalInput): Promise<number> {
  const method = input.method ?? "fps";
  const previous = input.previousValidityEnd ?? new Date(input.createdAt.getTime() + DAY_MS);
  const startsAt = input.cardState === "grace" ? input.createdAt : previous;
  const endsAt = new Date(startsAt.getTime() + (input.days ?? 30) * DAY_MS);
  return db.transaction(async (tx) => {
    const [renewal] = await tx
      .insert(renewals)
      .values({
        cardId: input.cardId,
        planVersionId: input.planVersionId,
        channel: input.soldBy ? "console" : "self_service",
        soldBy: input.soldBy ?? null,
        cardState: input.cardState ?? "active",
        extensionMode: "stack",
        previousValidityEnd: previous,
        newValidityEnd: endsAt,
        priceMinor: input.priceMinor ?? 9800,
        currency: input.currency ?? "HKD",
        smsLanguage: "zh-Hant",
        status: "activated",
        activatedAt: input.createdAt,
        createdAt: input.createdAt,
      })
      .returning({ id: renewals.id });
    const renewalId = renewal!.id;
    await tx
      .insert(periods)
      .values({ renewalId, cardId: input.cardId, startsAt, endsAt, dataCnMb: 1024, dataHkMb: 1024 });
    await tx.insert(payments).values({
      renewalId,
      cardId: input.cardId,
      method,
      reference: method === "cash" || method === "stored_value" ? null : `RPT${randomBytes(8).toString("hex")}`,
      amountMinor: input.priceMinor ?? 9800,
      currency: input.currency ?? "HKD",
      receivedAt: input.createdAt,
      receivedBy: input.soldBy ?? null,
    });
    await tx.update(cards).set({ validityEnd: endsAt }).where(eq(cards.id, input.cardId));
    await applyRenewalToRollup(tx, renewalId, 1);
    return renewalId;
  });
}

/** Voids a renewal the way the void transaction does: status, period, the card's validity end, and the rollup. */
export async function voidRenewal(db: Db, renewalId: number, voidedBy: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [renewal] = await tx
      .update(renewals)
      .set({ status: "voided", voidedAt: sql`now()`, voidedBy, voidReason: "report test" })
      .where(eq(renewals.id, renewalId))
      .returning({ cardId: renewals.cardId, previousValidityEnd: renewals.previousValidityEnd });
    await tx
      .update(periods)
      .set({ voidedAt: sql`now()` })
      .where(eq(periods.renewalId, renewalId));
    await tx.update(cards).set({ validityEnd: renewal!.previousValidityEnd }).where(eq(cards.id, renewal!.cardId));
    await applyRenewalToRollup(tx, renewalId, -1);
  });
}

/**
 * The first of 16 Hong Kong calendar days that only the test owning `planId`
 * writes renewals to (plan ids are unique, so windows never overlap), in
 * 2001 onwards: rollup and raw counts there can be compared exactly while
 * other suites run.
 */
export function isolatedDay(planId: number): string {
  return new Date(Date.UTC(2001, 0, 1) + planId * 16 * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A "now" in 2080 onwards with 200 days around it that only the test owning
 * `planId` puts validity ends in, for expirations, grace and the worklist.
 */
export function isolatedNow(planId: number): Date {
  return new Date(Date.UTC(2080, 0, 1, 3, 17, 0) + planId * 200 * DAY_MS);
}
