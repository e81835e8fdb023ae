import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError } from "@/db/errors";
import { writeAudit } from "@/db/mutations/_shared/audit";
import { renewCard } from "@/db/mutations/renew-card";
import { checkPayment } from "@/db/queries/payments";
import { searchCustomers } from "@/db/queries/customer-search";
import { auditLog, payments } from "@/db/schema";
import { classifySearch } from "@/lib/domain/search-classifier";
import { hkEnd } from "../helpers/dates";
import { testDb } from "../helpers/db";
import {
  createCustomerWithCard,
  createPlan,
  createStaff,
  newReference,
  renewInput,
  rules,
  uniqueSuffix,
} from "../helpers/factories";

async function setup() {
  const { db } = testDb();
  const agent = await createStaff(db);
  const created = await createCustomerWithCard(db, { validityEnd: hkEnd(10) });
  const sellable = await createPlan(db);
  return { db, agent, ...created, ...sellable };
}

describe("payments beyond renewals", () => {
  it("records a renewal's payment with its purpose and card", async () => {
    const s = await setup();
    const { renewalId } = await renewCard(await renewInput(s.db, s.cardId, s.planVersionId), s.agent, rules, s.db);
    const [payment] = await s.db.select().from(payments).where(eq(payments.renewalId, renewalId));
    expect(payment).toMatchObject({ purpose: "renewal", cardId: s.cardId, renewalId });
  });

  it("fills in the card of a payment that names only its renewal, and refuses another card", async () => {
    const s = await setup();
    const other = await createCustomerWithCard(s.db);
    const { renewalId } = await renewCard(await renewInput(s.db, s.cardId, s.planVersionId), s.agent, rules, s.db);
    const [row] = await s.db.execute<{ card_id: number }>(
      sql`insert into payments (renewal_id, method, amount_minor, currency) values (${renewalId}, 'cash', 100, 'HKD') returning card_id`,
    );
    expect(row!.card_id).toBe(s.cardId);
    await expect(
      s.db.execute(
        sql`insert into payments (renewal_id, card_id, method, amount_minor, currency) values (${renewalId}, ${other.cardId}, 'cash', 100, 'HKD')`,
      ),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
  });

  it("holds a renewal payment to a renewal, and any other purpose to none", async () => {
    const s = await setup();
    await expect(
      s.db
        .insert(payments)
        .values({ purpose: "renewal", cardId: s.cardId, method: "cash", amountMinor: 100, currency: "HKD" }),
    ).rejects.toMatchObject({ cause: { constraint_name: "payments_renewal_purpose" } });
    const { renewalId } = await renewCard(await renewInput(s.db, s.cardId, s.planVersionId), s.agent, rules, s.db);
    await expect(
      s.db
        .insert(payments)
        .values({ purpose: "top_up", cardId: s.cardId, renewalId, method: "cash", amountMinor: 100, currency: "HKD" }),
    ).rejects.toMatchObject({ cause: { constraint_name: "payments_renewal_purpose" } });
  });

  it("refuses a renewal whose reference a top-up already used, naming the top-up", async () => {
    const s = await setup();
    const reference = newReference();
    const [topUp] = await s.db
      .insert(payments)
      .values({ purpose: "top_up", cardId: s.cardId, method: "fps", reference, amountMinor: 20000, currency: "HKD" })
      .returning({ id: payments.id });
    expect(await checkPayment({ method: "fps", reference }, s.db)).toEqual({
      reference,
      refusals: [{ code: "reference_used_other", paymentId: topUp!.id, purpose: "top_up" }],
    });
    const input = await renewInput(s.db, s.cardId, s.planVersionId, { method: "fps", reference });
    const error = await renewCard(input, s.agent, rules, s.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      code: "renewal.reference_used_other",
      params: { paymentId: topUp!.id, purpose: "top_up" },
      field: "reference",
    });
    // the same reference under another method is another payment
    expect(await checkPayment({ method: "alipay", reference }, s.db)).toEqual({ reference, refusals: [] });
  });

  it("needs a reference for electronic methods only, and stores none for cash", async () => {
    const { db } = testDb();
    expect(await checkPayment({ method: "wechat_pay", reference: null }, db)).toEqual({
      reference: null,
      refusals: [{ code: "reference_required" }],
    });
    expect(await checkPayment({ method: "cash", reference: "IGNORED-1" }, db)).toEqual({
      reference: null,
      refusals: [],
    });
  });
});

describe("the record of contact on every write", () => {
  it("stores ticket, channel and note in the renewal's audit row, with the customer", async () => {
    const s = await setup();
    const ticketRef = `ZD-${uniqueSuffix()}`;
    const input = await renewInput(s.db, s.cardId, s.planVersionId);
    await renewCard(
      { ...input, context: { ticketRef, channel: "wechat", note: "customer asked on WeChat" } },
      s.agent,
      rules,
      s.db,
    );
    const [row] = await s.db.select().from(auditLog).where(eq(auditLog.ticketRef, ticketRef));
    expect(row).toMatchObject({
      action: "card.renew",
      customerId: s.customerId,
      contactChannel: "wechat",
      contactNote: "customer asked on WeChat",
      reason: null,
    });
  });

  it("finds the customer by a ticket reference in any case, with the match reason ticket", async () => {
    const s = await setup();
    const ticketRef = `TCK-${uniqueSuffix()}9`;
    await s.db.transaction((tx) =>
      writeAudit(tx, {
        actorStaffId: s.agent.id,
        action: "card.note",
        entityType: "card",
        entityId: s.cardId,
        context: { ticketRef, channel: "phone" },
      }),
    );
    const search = classifySearch(ticketRef.toLowerCase());
    expect(search.ok).toBe(true);
    if (!search.ok) return;
    const { items } = await searchCustomers({ lookups: search.lookups, limit: 10 }, s.db);
    expect(items.map((i) => [i.customerId, i.cardId, i.reason])).toEqual([[s.customerId, s.cardId, "ticket"]]);
  });

  it("refuses an over-long ticket reference in the database too", async () => {
    const s = await setup();
    await expect(
      s.db.transaction((tx) =>
        writeAudit(tx, {
          actorStaffId: s.agent.id,
          action: "card.note",
          entityType: "card",
          entityId: s.cardId,
          context: { ticketRef: "X".repeat(65) },
        }),
      ),
    ).rejects.toMatchObject({ cause: { constraint_name: "audit_log_ticket_ref_format" } });
    const rows = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "card"), eq(auditLog.entityId, String(s.cardId))));
    expect(rows).toHaveLength(0);
  });

  it("keeps the idempotency key's meaning apart from the ticket: a replay with another note writes nothing", async () => {
    const s = await setup();
    const input = { ...(await renewInput(s.db, s.cardId, s.planVersionId)), idempotencyKey: randomUUID() };
    const first = await renewCard({ ...input, context: { note: "first" } }, s.agent, rules, s.db);
    const again = await renewCard({ ...input, context: { note: "second" } }, s.agent, rules, s.db);
    expect(again).toMatchObject({ renewalId: first.renewalId, replayed: true });
    const notes = await s.db
      .select({ note: auditLog.contactNote })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityType, "card"),
          eq(auditLog.entityId, String(s.cardId)),
          eq(auditLog.action, "card.renew"),
        ),
      );
    expect(notes).toEqual([{ note: "first" }]);
  });
});
