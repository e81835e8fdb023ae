/**
 * The one factory module for every test layer: unit, integration and e2e
 * (through tests/e2e/support.ts `withDb`). `createX(db, overrides)` writes the
 * smallest valid row set and returns its ids. Nothing here imports a test
 * runner, so Playwright's support files load it too.
 *
 * Identifiers come from ranges the demo seed never uses (ICCIDs 8985209…,
 * Hong Kong numbers 4…, mainland numbers 147…), so tests running in parallel
 * against a seeded database never meet each other's rows.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { RenewCardInput } from "@/db/mutations/renew-card";
import type { ReplaceCardInput } from "@/db/mutations/replace-card";
import { applyRenewalToRollup } from "@/db/mutations/_shared/renewal-rollup";
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
  staff,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Currency, ExtensionMode, Language, PaymentMethod, PlanStatus, Role } from "@/lib/domain/enums";
import { luhnCheckDigit } from "@/lib/domain/identifiers";
import { DAY_MS } from "@/lib/domain/time";
import type { CreatePlanInput, PlanTerms } from "@/lib/validation/plans";

export { DEMO_PASSWORD } from "@/db/seed";

/** DOMAIN.md's defaults, as the tests' business rules. */
export const rules = { graceDays: 30, capYears: 2 };

// ——— identifiers ———

export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

let counter = randomBytes(4).readUInt32BE(0) % 1e9;

/** An ICCID with a correct check digit, from an 18- or 19-digit payload. */
export function iccidFrom(payload: string): string {
  if (!/^\d{18,19}$/.test(payload)) throw new Error(`ICCID payload must be 18 or 19 digits: ${payload}`);
  return payload + String(luhnCheckDigit(payload));
}

/** A valid ICCID no card has yet. */
export function newIccid(): string {
  return iccidFrom(`8985209${String(counter++).padStart(11, "0")}`);
}

/** A Hong Kong national number (8 digits) no seed or other factory uses. */
export function uniqueHk(): string {
  return `4${String(counter++ % 1e7).padStart(7, "0")}`;
}

/** A mainland national number (11 digits starting 1) in a range the seed never hands out. */
export function uniqueCn(): string {
  return `147${String(counter++ % 1e8).padStart(8, "0")}`;
}

/** A WeChat Pay-like transaction number, unique per call. */
export function newReference(): string {
  return `4200${Date.now()}${String(counter++).padStart(9, "0")}`;
}

/** Replacing a lost card with a new physical SIM, picked up, for a fee paid by WeChat Pay; `overrides` change any of it. */
export function replaceCardInput(cardId: number, overrides: Partial<ReplaceCardInput> = {}): ReplaceCardInput {
  return {
    cardId,
    newIccid: newIccid(),
    reason: "lost",
    form: "physical",
    handover: "pickup",
    deliveryAddress: null,
    fee: { kind: "paid", method: "wechat_pay", currency: "HKD", reference: newReference() },
    context: { ticketRef: "TCK-1001", channel: "phone" },
    ...overrides,
  };
}

// ——— staff ———

export const FACTORY_PASSWORD = "factory-password-123";
let factoryPasswordHash: Promise<string> | undefined;

export async function createStaff(
  db: Db,
  overrides: Partial<{ email: string; name: string; role: Role; password: string; disabled: boolean }> = {},
) {
  const passwordHash = overrides.password
    ? await hashPassword(overrides.password)
    : await (factoryPasswordHash ??= hashPassword(FACTORY_PASSWORD));
  const [row] = await db
    .insert(staff)
    .values({
      email: overrides.email ?? `staff-${uniqueSuffix()}@example.test`,
      name: overrides.name ?? "Test Staff",
      role: overrides.role ?? "agent",
      passwordHash,
      disabledAt: overrides.disabled ? sql`now()` : null,
    })
    .returning({ id: staff.id, email: staff.email, role: staff.role, sessionVersion: staff.sessionVersion });
  return row!;
}

// ——— customers and cards ———

export interface CustomerFields {
  nameZh: string | null;
  nameEn: string | null;
  email: string | null;
  notes: string | null;
  idDocumentLast4: string | null;
  preferredLanguage: Language;
}

export async function createCustomer(db: Db, fields: Partial<CustomerFields> = {}): Promise<number> {
  const [row] = await db
    .insert(customers)
    .values({
      nameZh: fields.nameZh ?? null,
      nameEn: fields.nameEn === undefined ? `Test Customer ${uniqueSuffix()}` : fields.nameEn,
      email: fields.email ?? null,
      notes: fields.notes ?? null,
      idDocumentType: fields.idDocumentLast4 ? "hkid" : null,
      idDocumentLast4: fields.idDocumentLast4 ?? null,
      preferredLanguage: fields.preferredLanguage ?? "zh-Hant",
    })
    .returning({ id: customers.id });
  return row!.id;
}

export interface CardFields {
  iccid: string;
  /** Hong Kong national number; null for a card without one. */
  hk: string | null;
  /** Mainland national number; none by default. */
  cn: string | null;
  validityEnd: Date;
  suspended: boolean;
  storedValue: number;
}

/** A card with a verified Hong Kong number (and a mainland one when asked), valid for 20 more days by default. */
export async function createCard(db: Db, customerId: number, fields: Partial<CardFields> = {}) {
  const iccid = fields.iccid ?? newIccid();
  const [card] = await db
    .insert(cards)
    .values({
      customerId,
      iccid,
      validityEnd: fields.validityEnd ?? new Date(Date.now() + 20 * DAY_MS),
      suspendedAt: fields.suspended ? new Date() : null,
      suspensionReason: fields.suspended ? "lost" : null,
      storedValueHkdMinor: fields.storedValue ?? 0,
    })
    .returning({ id: cards.id });
  const hk = fields.hk === null ? null : `+852${fields.hk ?? uniqueHk()}`;
  const numbers = [
    hk ? { region: "HK" as const, msisdn: hk } : null,
    fields.cn ? { region: "CN" as const, msisdn: `+86${fields.cn}` } : null,
  ].filter((n) => n !== null);
  if (numbers.length)
    await db
      .insert(cardNumbers)
      .values(numbers.map((n) => ({ ...n, cardId: card!.id, realNameStatus: "verified" as const })));
  return { cardId: card!.id, iccid, msisdn: hk };
}

/** A customer (with a Chinese and a Latin name and an email by default) holding one card valid for 10 more days. */
export async function createCustomerWithCard(db: Db, overrides: Partial<CustomerFields & CardFields> = {}) {
  const nameEn = overrides.nameEn === undefined ? `Test Customer ${uniqueSuffix()}` : overrides.nameEn;
  const customerId = await createCustomer(db, {
    ...overrides,
    nameZh: overrides.nameZh === undefined ? "测试客户" : overrides.nameZh,
    nameEn,
    email: overrides.email === undefined ? `customer-${uniqueSuffix()}@example.test` : overrides.email,
  });
  const card = await createCard(db, customerId, {
    ...overrides,
    validityEnd: overrides.validityEnd ?? new Date(Date.now() + 10 * DAY_MS),
  });
  return { customerId, ...card, nameEn };
}

// ——— plans ———

export const defaultTerms: PlanTerms = {
  validityDays: 30,
  dataCnMb: 8192,
  dataHkMb: 4096,
  priceHkdMinor: 9800,
  priceCnyMinor: 8800,
  extensionMode: "stack",
};

/** A plan at version 1, written directly (active unless told otherwise). */
export async function createPlan(
  db: Db,
  options: Partial<PlanTerms> &
    Partial<{
      status: PlanStatus;
      code: string;
      nameEn: string;
      nameZh: string;
      nameZhHant: string;
      sortOrder: number;
    }> = {},
) {
  const suffix = uniqueSuffix().toUpperCase();
  const code = options.code ?? `T-${suffix}`;
  const [plan] = await db
    .insert(plans)
    .values({
      code,
      nameEn: options.nameEn ?? `Test plan ${suffix}`,
      nameZh: options.nameZh ?? `测试套餐 ${suffix}`,
      nameZhHant: options.nameZhHant ?? `測試套餐 ${suffix}`,
      sortOrder: options.sortOrder ?? 100,
    })
    .returning({ id: plans.id });
  const [version] = await db
    .insert(planVersions)
    .values({
      planId: plan!.id,
      version: 1,
      validityDays: options.validityDays ?? defaultTerms.validityDays,
      dataCnMb: options.dataCnMb ?? defaultTerms.dataCnMb,
      dataHkMb: options.dataHkMb ?? defaultTerms.dataHkMb,
      priceHkdMinor: options.priceHkdMinor ?? defaultTerms.priceHkdMinor,
      priceCnyMinor: options.priceCnyMinor ?? defaultTerms.priceCnyMinor,
      extensionMode: options.extensionMode ?? defaultTerms.extensionMode,
    })
    .returning({ id: planVersions.id });
  await db
    .update(plans)
    .set({ currentVersionId: version!.id, status: options.status ?? "active" })
    .where(eq(plans.id, plan!.id));
  return { planId: plan!.id, planVersionId: version!.id, code };
}

export function planInput(
  overrides: Partial<Omit<CreatePlanInput, "terms">> & { terms?: Partial<PlanTerms> } = {},
): CreatePlanInput {
  const suffix = uniqueSuffix().toUpperCase();
  return {
    code: overrides.code ?? `T-${suffix}`,
    nameEn: overrides.nameEn ?? `Test plan ${suffix}`,
    nameZh: overrides.nameZh ?? `测试套餐 ${suffix}`,
    nameZhHant: overrides.nameZhHant ?? `測試套餐 ${suffix}`,
    sortOrder: overrides.sortOrder ?? 100,
    terms: { ...defaultTerms, ...overrides.terms },
  };
}

/** A plan made through the catalog's own mutations: a draft at version 1, published unless asked not to. */
export async function createCatalogPlan(
  db: Db,
  actorId: number,
  options: { publish?: boolean; input?: Parameters<typeof planInput>[0] } = {},
) {
  // Loaded on use: the mutations import the app's "server-only" db module, which e2e support files must not load.
  const [{ createPlan: createThroughCatalog }, { changePlanStatus }] = await Promise.all([
    import("@/db/mutations/create-plan"),
    import("@/db/mutations/change-plan-status"),
  ]);
  const input = planInput(options.input);
  const { planId } = await createThroughCatalog(input, actorId, db);
  if (options.publish ?? true) await changePlanStatus({ planId, lockVersion: 1, kind: "publish" }, actorId, db);
  return { planId, code: input.code, lockVersion: (options.publish ?? true) ? 2 : 1 };
}

// ——— renewals ———

export interface RenewalFields {
  cardId: number;
  planVersionId: number;
  createdAt: Date;
  /** When the period's data starts; by default the end the card had before. */
  startsAt: Date;
  endsAt: Date;
  previousValidityEnd: Date;
  /** A staff id sells it at the console; null is a self-service renewal. */
  soldBy: number | null;
  method: PaymentMethod;
  currency: Currency;
  priceMinor: number;
  reference: string | null;
  cardState: "active" | "grace";
  extensionMode: ExtensionMode;
  voided: boolean;
  usedCnMb: number;
  usedHkMb: number;
  dataMb: number;
}

/**
 * A sold renewal with its period and payment rows, as the renew flow lays
 * them out, written directly (the renewal flow is not what such tests are
 * about), on a new customer's card unless one is given. Activated, or voided
 * when asked. A sale (not a voided one) is added to the daily rollup in
 * the same transaction, as the renewal transaction does (reports compare the
 * two); with `{ applyToCard: true }` it also moves the card's validity end.
 */
export async function createRenewal(
  db: Db,
  fields: Pick<RenewalFields, "planVersionId"> & Partial<RenewalFields>,
  options: { applyToCard?: boolean } = {},
): Promise<{ id: number; cardId: number; priceMinor: number; planVersionId: number }> {
  const cardId = fields.cardId ?? (await createCustomerWithCard(db)).cardId;
  const createdAt = fields.createdAt ?? new Date();
  const startsAt = fields.startsAt ?? new Date(createdAt.getTime() - 5 * DAY_MS);
  const endsAt = fields.endsAt ?? new Date(startsAt.getTime() + 30 * DAY_MS);
  const method = fields.method ?? "fps";
  const priceMinor = fields.priceMinor ?? defaultTerms.priceHkdMinor;
  const currency = fields.currency ?? "HKD";
  const soldBy = fields.soldBy ?? null;
  const voidedAt = fields.voided ? new Date() : null;
  const reference =
    fields.reference !== undefined
      ? fields.reference
      : method === "cash" || method === "stored_value"
        ? null
        : `FRN${uniqueSuffix().toUpperCase()}${counter++}`;
  return db.transaction(async (tx) => {
    const [renewal] = await tx
      .insert(renewals)
      .values({
        cardId,
        planVersionId: fields.planVersionId,
        channel: soldBy ? "console" : "self_service",
        soldBy,
        cardState: fields.cardState ?? "active",
        extensionMode: fields.extensionMode ?? "stack",
        previousValidityEnd: fields.previousValidityEnd ?? startsAt,
        newValidityEnd: endsAt,
        priceMinor,
        currency,
        smsLanguage: "zh-Hant",
        status: fields.voided ? "voided" : "activated",
        activatedAt: createdAt,
        voidedAt,
        voidedBy: fields.voided ? soldBy : null,
        voidReason: fields.voided ? "test void" : null,
        createdAt,
      })
      .returning({ id: renewals.id, priceMinor: renewals.priceMinor, planVersionId: renewals.planVersionId });
    const id = renewal!.id;
    await tx.insert(periods).values({
      renewalId: id,
      cardId,
      startsAt,
      endsAt,
      dataCnMb: fields.dataMb ?? defaultTerms.dataCnMb,
      dataHkMb: fields.dataMb ?? defaultTerms.dataHkMb,
      usedCnMb: fields.usedCnMb ?? 0,
      usedHkMb: fields.usedHkMb ?? 0,
      voidedAt,
    });
    await tx.insert(payments).values({
      renewalId: id,
      cardId,
      method,
      reference,
      amountMinor: priceMinor,
      currency,
      receivedAt: createdAt,
      receivedBy: soldBy,
    });
    if (options.applyToCard) await tx.update(cards).set({ validityEnd: endsAt }).where(eq(cards.id, cardId));
    // Every sale is in the rollup, as the renewal transaction keeps it: a raw row the rollup lacks would break the
    // month comparison of any test whose isolated day shares the month.
    if (!fields.voided) await applyRenewalToRollup(tx, id, 1);
    return { ...renewal!, cardId };
  });
}

/**
 * A renewal recorded the way the renewal transaction records it, for
 * reports: renewal, period and payment rows, the card's new validity end and
 * the rollup. The period starts at the previous end (or at once in grace).
 */
export async function recordRenewal(
  db: Db,
  input: Pick<RenewalFields, "cardId" | "planVersionId" | "createdAt"> &
    Partial<
      Pick<RenewalFields, "method" | "currency" | "priceMinor" | "soldBy" | "cardState" | "previousValidityEnd">
    > & {
      days?: number;
    },
): Promise<number> {
  const previousValidityEnd = input.previousValidityEnd ?? new Date(input.createdAt.getTime() + DAY_MS);
  const startsAt = input.cardState === "grace" ? input.createdAt : previousValidityEnd;
  const endsAt = new Date(startsAt.getTime() + (input.days ?? 30) * DAY_MS);
  const renewal = await createRenewal(
    db,
    { ...input, previousValidityEnd, startsAt, endsAt, dataMb: 1024 },
    { applyToCard: true },
  );
  return renewal.id;
}

/** Voids a renewal the way the void transaction does: status, period, the card's validity end and the rollup. */
export async function recordVoid(db: Db, renewalId: number, voidedBy: number): Promise<void> {
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

/** The card's first live number: where its confirmation SMS goes. */
export async function smsNumberOf(db: Db, cardId: number): Promise<string> {
  const [row] = await db
    .select({ msisdn: cardNumbers.msisdn })
    .from(cardNumbers)
    .where(eq(cardNumbers.cardId, cardId))
    .limit(1);
  return row!.msisdn;
}

/** What the renew form submits, for renewCard: WeChat Pay in HKD with a fresh reference and key. */
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

// ——— messages and audit ———

export async function createNotification(
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
      dedupeKey: `test:${uniqueSuffix()}`,
    })
    .returning({ id: notifications.id });
  return row!.id;
}

export async function createAuditEntry(
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

// ——— isolated time windows for report tests ———

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
 * A "now" in 2080 onwards with 1,000 days around it that only the test owning
 * `planId` puts validity ends in, for expirations, grace and the worklist. (At
 * 200 days apart, a test's year-long renewal ended inside a later plan's grace
 * window and that test's worklist saw it.)
 */
export function isolatedNow(planId: number): Date {
  return new Date(Date.UTC(2080, 0, 1, 3, 17, 0) + planId * 1000 * DAY_MS);
}

// ——— settlement files ———

export interface BillLine {
  at: Date;
  reference: string;
  amountMinor: number;
  currency?: Currency;
  /** A refund row: `reference` is the refund's own number. */
  refund?: boolean;
}

const major = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
const chinaTime = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");

/**
 * A WeChat Pay merchant transaction bill (bill_type ALL) as the provider lays
 * it out: the header, backtick-prefixed rows and the summary block, with
 * made-up merchant data. `truncate` drops the summary (a cut-off download).
 */
export function wechatPayBill(lines: readonly BillLine[], options: { truncate?: boolean } = {}): string {
  const header =
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
  const rows = lines.map((l, i) => {
    const amount = major(l.amountMinor);
    const cells = [
      chinaTime(l.at),
      "wx0000000000test01",
      "1900000001",
      "0",
      "desk",
      l.refund ? `4200${String(i).padStart(24, "0")}` : l.reference,
      `RD${i}`,
      "oTestUser",
      "NATIVE",
      l.refund ? "REFUND" : "SUCCESS",
      "OTHERS",
      l.currency ?? "CNY",
      l.refund ? "0.00" : amount,
      "0.00",
      l.refund ? l.reference : "0",
      l.refund ? `RF${i}` : "0",
      l.refund ? amount : "0.00",
      "0.00",
      l.refund ? "ORIGINAL" : "",
      l.refund ? "SUCCESS" : "",
      "中港通",
      "",
      "0.00",
      "0.60%",
      l.refund ? "0.00" : amount,
      l.refund ? amount : "0.00",
      "",
    ];
    return cells.map((c) => `\`${c}`).join(",");
  });
  const paid = lines.filter((l) => !l.refund).reduce((s, l) => s + l.amountMinor, 0);
  const back = lines.filter((l) => l.refund).reduce((s, l) => s + l.amountMinor, 0);
  const summary = [
    "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
    [lines.length, major(paid), major(back), "0.00", "0.00", major(paid), major(back)].map((c) => `\`${c}`).join(","),
  ];
  return [header, ...rows, ...(options.truncate ? [] : summary)].join("\r\n") + "\r\n";
}
