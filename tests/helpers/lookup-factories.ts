import type { Db } from "@/db/client";
import {
  auditLog,
  cardNumbers,
  cards,
  customers,
  notifications,
  payments,
  periods,
  plans,
  planVersions,
  renewals,
} from "@/db/schema";
import { luhnCheckDigit } from "@/lib/domain/identifiers";
import { uniqueSuffix } from "./db";

const DAY = 86_400_000;

/** An ICCID with a correct check digit, from any 18-digit payload. */
export function iccidFrom(payload: string): string {
  if (!/^\d{18,19}$/.test(payload)) throw new Error(`ICCID payload must be 18 or 19 digits: ${payload}`);
  return payload + String(luhnCheckDigit(payload));
}

let counter = Math.floor(Math.random() * 1e6);
/** A Hong Kong national number no seed or other factory uses (seeded ones start 5, 6 or 9). */
export function uniqueHk(): string {
  return `4${String(counter++ % 1e7).padStart(7, "0")}`;
}

/** A mainland number in a range (147…) the seed never hands out. */
export function uniqueCn(): string {
  return `147${String(counter++ % 1e8).padStart(8, "0")}`;
}

export async function createCustomer(
  db: Db,
  fields: Partial<{
    nameZh: string | null;
    nameEn: string | null;
    email: string | null;
    notes: string | null;
    idDocumentLast4: string | null;
  }> = {},
): Promise<number> {
  const [row] = await db
    .insert(customers)
    .values({
      nameZh: fields.nameZh === undefined ? null : fields.nameZh,
      nameEn: fields.nameEn === undefined ? `Lookup Customer ${uniqueSuffix()}` : fields.nameEn,
      email: fields.email ?? null,
      notes: fields.notes ?? null,
      idDocumentType: fields.idDocumentLast4 ? "hkid" : null,
      idDocumentLast4: fields.idDocumentLast4 ?? null,
      preferredLanguage: "zh-Hant",
    })
    .returning({ id: customers.id });
  return row!.id;
}

export async function addCard(
  db: Db,
  customerId: number,
  fields: Partial<{
    iccid: string;
    hk: string | null;
    cn: string | null;
    validityEnd: Date;
    suspended: boolean;
    storedValue: number;
  }> = {},
): Promise<{ cardId: number; iccid: string }> {
  const iccid = fields.iccid ?? iccidFrom(`8985209${String(counter++).padStart(11, "0")}`);
  const [card] = await db
    .insert(cards)
    .values({
      customerId,
      iccid,
      validityEnd: fields.validityEnd ?? new Date(Date.now() + 20 * DAY),
      suspendedAt: fields.suspended ? new Date() : null,
      suspensionReason: fields.suspended ? "lost" : null,
      storedValueHkdMinor: fields.storedValue ?? 0,
    })
    .returning({ id: cards.id });
  const numbers = [
    fields.hk === null ? null : { region: "HK" as const, msisdn: `+852${fields.hk ?? uniqueHk()}` },
    fields.cn ? { region: "CN" as const, msisdn: `+86${fields.cn}` } : null,
  ].filter((n) => n !== null);
  if (numbers.length)
    await db
      .insert(cardNumbers)
      .values(numbers.map((n) => ({ ...n, cardId: card!.id, realNameStatus: "verified" as const })));
  return { cardId: card!.id, iccid };
}

/** A plan with one version, for renewals made by tests. */
export async function createPlanVersion(db: Db, fields: Partial<{ dataCnMb: number; dataHkMb: number }> = {}) {
  const [plan] = await db
    .insert(plans)
    .values({
      code: `LOOKUP-${uniqueSuffix().toUpperCase()}`,
      nameEn: "Lookup Monthly",
      nameZh: "查询月卡",
      status: "draft",
    })
    .returning({ id: plans.id });
  const [version] = await db
    .insert(planVersions)
    .values({
      planId: plan!.id,
      version: 1,
      validityDays: 30,
      dataCnMb: fields.dataCnMb ?? 8192,
      dataHkMb: fields.dataHkMb ?? 4096,
      priceHkdMinor: 9800,
      priceCnyMinor: 8800,
    })
    .returning({ id: planVersions.id });
  return version!.id;
}

/** A paid renewal with its period and payment, as the seed and the renew flow lay them out. */
export async function addRenewal(
  db: Db,
  fields: {
    cardId: number;
    planVersionId: number;
    createdAt: Date;
    startsAt: Date;
    endsAt: Date;
    soldBy?: number | null;
    reference?: string;
    usedCnMb?: number;
    usedHkMb?: number;
  },
): Promise<number> {
  const [renewal] = await db
    .insert(renewals)
    .values({
      cardId: fields.cardId,
      planVersionId: fields.planVersionId,
      channel: fields.soldBy ? "console" : "self_service",
      soldBy: fields.soldBy ?? null,
      cardState: "active",
      extensionMode: "stack",
      previousValidityEnd: fields.startsAt,
      newValidityEnd: fields.endsAt,
      priceMinor: 9800,
      currency: "HKD",
      smsLanguage: "zh-Hant",
      status: "activated",
      activatedAt: fields.createdAt,
      createdAt: fields.createdAt,
    })
    .returning({ id: renewals.id });
  const id = renewal!.id;
  await db.insert(periods).values({
    renewalId: id,
    cardId: fields.cardId,
    startsAt: fields.startsAt,
    endsAt: fields.endsAt,
    dataCnMb: 8192,
    dataHkMb: 4096,
    usedCnMb: fields.usedCnMb ?? 0,
    usedHkMb: fields.usedHkMb ?? 0,
  });
  await db.insert(payments).values({
    renewalId: id,
    cardId: fields.cardId,
    method: "fps",
    reference: fields.reference ?? `FRN${uniqueSuffix()}${id}`,
    amountMinor: 9800,
    currency: "HKD",
    receivedAt: fields.createdAt,
    receivedBy: fields.soldBy ?? null,
  });
  return id;
}

export async function addNotification(
  db: Db,
  fields: { cardId: number; renewalId?: number; toMsisdn: string },
): Promise<number> {
  const [row] = await db
    .insert(notifications)
    .values({
      kind: "renewal_confirmation",
      cardId: fields.cardId,
      renewalId: fields.renewalId ?? null,
      toMsisdn: fields.toMsisdn,
      language: "en",
      body: "Renewal Desk: your card is renewed.",
      dedupeKey: `lookup:${uniqueSuffix()}`,
    })
    .returning({ id: notifications.id });
  return row!.id;
}

export async function addAudit(
  db: Db,
  fields: { action: string; entityType: string; entityId: number; actorStaffId?: number | null; after?: unknown },
): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({
      action: fields.action,
      entityType: fields.entityType,
      entityId: String(fields.entityId),
      actorStaffId: fields.actorStaffId ?? null,
      after: fields.after ?? null,
    })
    .returning({ id: auditLog.id });
  return row!.id;
}
