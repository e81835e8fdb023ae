import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, PreconditionError } from "@/db/errors";
import { importSettlementFile } from "@/db/mutations/import-settlement-file";
import { resolveSettlementLine } from "@/db/mutations/resolve-settlement-line";
import { getPaymentReconciliation, listSettlementLines } from "@/db/queries/reconciliation";
import { auditLog, payments, refunds, settlementFiles, settlementLines } from "@/db/schema";
import { parseSettlementFile } from "@/lib/domain/settlement/parse";
import { DAY_MS, hkStartOfDay } from "@/lib/domain/time";
import { testDb } from "../helpers/db";
import { createPlan, createRenewal, createStaff, isolatedDay, newReference, wechatPayBill } from "../helpers/factories";
import { raceAtAudit } from "../helpers/race";

/** A day only this test writes WeChat Pay money to, so "missing in the file" sees only its own payments. */
async function setup() {
  const { db } = testDb();
  const url = process.env.DATABASE_URL!;
  const supervisor = await createStaff(db, { role: "supervisor" });
  const agent = await createStaff(db);
  const plan = await createPlan(db);
  const dayStart = hkStartOfDay(isolatedDay(plan.planId));
  const at = (hours: number) => new Date(dayStart.getTime() + hours * 3600_000);
  const pay = async (hours: number, amountMinor: number, extra: { currency?: "HKD" | "CNY" } = {}) => {
    const reference = newReference();
    const renewal = await createRenewal(db, {
      planVersionId: plan.planVersionId,
      createdAt: at(hours),
      method: "wechat_pay",
      reference,
      priceMinor: amountMinor,
      currency: extra.currency ?? "CNY",
      soldBy: agent.id,
    });
    const [payment] = await db.select({ id: payments.id }).from(payments).where(eq(payments.renewalId, renewal.id));
    return { renewalId: renewal.id, paymentId: payment!.id, reference, amountMinor, at: at(hours) };
  };
  return { db, url, supervisor, agent, plan, at, pay };
}

function upload(bill: string, overrides: { key?: string } = {}) {
  const bytes = new TextEncoder().encode(bill);
  const parsed = parseSettlementFile(bytes, "wechat_pay");
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.refusal.code}`);
  return {
    idempotencyKey: overrides.key ?? randomUUID(),
    format: "wechat_pay" as const,
    method: "wechat_pay" as const,
    fileName: "bill.csv",
    bytes,
    parsed: parsed.value,
    mapping: null,
  };
}

async function footprint(db: ReturnType<typeof testDb>["db"]) {
  const [row] = await db.execute<{ files: number; lines: number; audit: number }>(sql`
    select (select count(*)::int from settlement_files) as files,
           (select count(*)::int from settlement_lines) as lines,
           (select count(*)::int from audit_log where action like 'settlement.%') as audit`);
  return row!;
}

describe("importSettlementFile", () => {
  it("stores the file and gives every line its outcome: matched, amount differs, missing in the console, missing in the file", async () => {
    const s = await setup();
    const matched = await s.pay(2, 8800);
    const differs = await s.pay(3, 24500);
    const notInFile = await s.pay(5, 9900);
    const stranger = newReference();
    const bill = wechatPayBill([
      { at: matched.at, reference: matched.reference, amountMinor: 8800 },
      { at: differs.at, reference: differs.reference, amountMinor: 25000 },
      { at: s.at(4), reference: stranger, amountMinor: 1200 },
    ]);
    // Imported after the file's day is over (isolated days run into the future as plan ids grow).
    const { fileId, replayed } = await importSettlementFile(upload(bill), s.supervisor, { now: () => s.at(48) }, s.db);
    expect(replayed).toBe(false);
    const lines = await listSettlementLines({ fileId }, s.db);
    expect(lines.map((l) => [l.lineNo, l.outcome, l.paymentId])).toEqual([
      [2, "matched", matched.paymentId],
      [3, "amount_differs", differs.paymentId],
      [4, "missing_in_console", null],
      [null, "missing_in_file", notInFile.paymentId],
    ]);
    expect(lines[1]).toMatchObject({ amountMinor: 25000, consoleAmountMinor: 24500, consoleCurrency: "CNY" });
    const [file] = await s.db.select().from(settlementFiles).where(eq(settlementFiles.id, fileId));
    expect(file).toMatchObject({ lineCount: 3, method: "wechat_pay", uploadedBy: s.supervisor.id });
    const [audit] = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "settlement_file"), eq(auditLog.entityId, String(fileId))));
    expect(audit).toMatchObject({
      action: "settlement.import",
      entityType: "settlement_file",
      actorStaffId: s.supervisor.id,
    });
    expect((audit!.after as { outcomes: Record<string, number> }).outcomes).toEqual({
      matched: 1,
      amount_differs: 1,
      missing_in_console: 1,
      missing_in_file: 1,
    });
    expect(await getPaymentReconciliation(matched.paymentId, s.db)).toMatchObject({ fileId, outcome: "matched" });
  });

  it("treats a different currency as a difference", async () => {
    const s = await setup();
    const hkd = await s.pay(2, 8800, { currency: "HKD" });
    const { fileId } = await importSettlementFile(
      upload(wechatPayBill([{ at: hkd.at, reference: hkd.reference, amountMinor: 8800, currency: "CNY" }])),
      s.supervisor,
      {},
      s.db,
    );
    expect((await listSettlementLines({ fileId }, s.db)).map((l) => l.outcome)).toEqual(["amount_differs"]);
  });

  it("matches a refund line with the console's refund by its own reference", async () => {
    const s = await setup();
    const paid = await s.pay(2, 8800);
    const refundReference = newReference();
    await s.db.insert(refunds).values({
      paymentId: paid.paymentId,
      amountMinor: 8800,
      currency: "CNY",
      method: "wechat_pay",
      reference: refundReference,
      reason: "customer changed plan",
      refundedBy: s.supervisor.id,
      refundedAt: s.at(6),
    });
    const [refund] = await s.db.select({ id: refunds.id }).from(refunds).where(eq(refunds.reference, refundReference));
    const { fileId } = await importSettlementFile(
      upload(
        wechatPayBill([
          { at: paid.at, reference: paid.reference, amountMinor: 8800 },
          { at: s.at(6), reference: refundReference, amountMinor: 8800, refund: true },
        ]),
      ),
      s.supervisor,
      {},
      s.db,
    );
    const lines = await listSettlementLines({ fileId }, s.db);
    expect(lines.map((l) => [l.kind, l.outcome, l.refundId])).toEqual([
      ["payment", "matched", null],
      ["refund", "matched", refund!.id],
    ]);
  });

  it("lists nothing as missing in the file while the file's days are not over", async () => {
    const s = await setup();
    const paid = await s.pay(2, 8800);
    await s.pay(3, 100);
    const { fileId } = await importSettlementFile(
      upload(wechatPayBill([{ at: paid.at, reference: paid.reference, amountMinor: 8800 }])),
      s.supervisor,
      { now: () => s.at(12) },
      s.db,
    );
    expect((await listSettlementLines({ fileId }, s.db)).map((l) => l.outcome)).toEqual(["matched"]);
  });

  it("refuses the same file a second time by its content, and stores nothing more", async () => {
    const s = await setup();
    const paid = await s.pay(2, 8800);
    const bill = wechatPayBill([{ at: paid.at, reference: paid.reference, amountMinor: 8800 }]);
    const { fileId } = await importSettlementFile(upload(bill), s.supervisor, {}, s.db);
    const before = await footprint(s.db);
    const second = importSettlementFile(upload(bill), s.supervisor, {}, s.db);
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toMatchObject({ code: "reconciliation.errors.duplicate", params: { id: fileId } });
    expect(await footprint(s.db)).toEqual(before);
  });

  it("lets one of two supervisors uploading the same file at once store it and tells the other", async () => {
    const s = await setup();
    const other = await createStaff(s.db, { role: "supervisor" });
    const paid = await s.pay(2, 8800);
    const bill = wechatPayBill([{ at: paid.at, reference: paid.reference, amountMinor: 8800 }]);
    const results = await raceAtAudit(s.url, [
      (db) => importSettlementFile(upload(bill), s.supervisor, {}, db),
      (db) => importSettlementFile(upload(bill), other, {}, db),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
  });

  it("writes once per idempotency key: a double click replays the first import", async () => {
    const s = await setup();
    const paid = await s.pay(2, 8800);
    const input = upload(wechatPayBill([{ at: paid.at, reference: paid.reference, amountMinor: 8800 }]));
    const first = await importSettlementFile(input, s.supervisor, {}, s.db);
    expect(await importSettlementFile(input, s.supervisor, {}, s.db)).toEqual({ fileId: first.fileId, replayed: true });
  });

  it("refuses a file whose refund reference matches two console refunds, naming the line, and stores nothing", async () => {
    const s = await setup();
    const a = await s.pay(2, 8800);
    const b = await s.pay(3, 8800);
    const shared = newReference();
    for (const p of [a, b]) {
      await s.db.insert(refunds).values({
        paymentId: p.paymentId,
        amountMinor: 8800,
        currency: "CNY",
        method: "wechat_pay",
        reference: shared,
        reason: "test",
        refundedBy: s.supervisor.id,
        refundedAt: s.at(7),
      });
    }
    const before = await footprint(s.db);
    const bill = wechatPayBill([
      { at: a.at, reference: a.reference, amountMinor: 8800 },
      { at: s.at(7), reference: shared, amountMinor: 8800, refund: true },
    ]);
    await expect(importSettlementFile(upload(bill), s.supervisor, {}, s.db)).rejects.toMatchObject({
      code: "reconciliation.errors.ambiguous_reference",
      params: { line: 3, reference: shared },
    });
    expect(await footprint(s.db)).toEqual(before);
  });
});

describe("resolveSettlementLine", () => {
  async function withException() {
    const s = await setup();
    const differs = await s.pay(2, 24500);
    const { fileId } = await importSettlementFile(
      upload(wechatPayBill([{ at: differs.at, reference: differs.reference, amountMinor: 25000 }])),
      s.supervisor,
      {},
      s.db,
    );
    const [line] = await listSettlementLines({ fileId }, s.db);
    return { ...s, line: line!, differs };
  }

  it("resolves an exception once, with its note, linked to a renewal, and audits it", async () => {
    const s = await withException();
    await resolveSettlementLine(
      {
        lineId: s.line.id,
        resolution: "linked_renewal",
        note: "HK$5 tip added by the customer",
        renewalId: s.differs.renewalId,
      },
      s.supervisor,
      {},
      s.db,
    );
    const [row] = await s.db.select().from(settlementLines).where(eq(settlementLines.id, s.line.id));
    expect(row).toMatchObject({
      resolution: "linked_renewal",
      linkedRenewalId: s.differs.renewalId,
      resolvedBy: s.supervisor.id,
    });
    const [audit] = await s.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "settlement_line"), eq(auditLog.entityId, String(s.line.id))));
    expect(audit).toMatchObject({
      action: "settlement.resolve",
      entityType: "settlement_line",
      contactNote: "HK$5 tip added by the customer",
    });
    await expect(
      resolveSettlementLine(
        { lineId: s.line.id, resolution: "written_off", note: "again", renewalId: null },
        s.supervisor,
        {},
        s.db,
      ),
    ).rejects.toMatchObject({ code: "reconciliation.errors.alreadyResolved" });
  });

  it("refuses an agent, a missing note and a matched line, and changes nothing", async () => {
    const s = await withException();
    await expect(
      resolveSettlementLine(
        { lineId: s.line.id, resolution: "written_off", note: "x", renewalId: null },
        s.agent,
        {},
        s.db,
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      resolveSettlementLine(
        { lineId: s.line.id, resolution: "written_off", note: "  ", renewalId: null },
        s.supervisor,
        {},
        s.db,
      ),
    ).rejects.toBeInstanceOf(PreconditionError);
    const [row] = await s.db.select().from(settlementLines).where(eq(settlementLines.id, s.line.id));
    expect(row!.resolvedAt).toBeNull();
  });
});

describe("settlement files and their day", () => {
  it("covers whole Hong Kong days", async () => {
    const s = await setup();
    const paid = await s.pay(23.5, 8800);
    const { fileId } = await importSettlementFile(
      upload(wechatPayBill([{ at: paid.at, reference: paid.reference, amountMinor: 8800 }])),
      s.supervisor,
      {},
      s.db,
    );
    const [file] = await s.db.select().from(settlementFiles).where(eq(settlementFiles.id, fileId));
    expect(file!.periodTo.getTime() - file!.periodFrom.getTime()).toBe(DAY_MS - 1000);
  });
});
