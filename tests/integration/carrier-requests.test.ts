import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { activateRenewal } from "@/db/mutations/activate-renewal";
import { enqueueCarrierRequest } from "@/db/mutations/_shared/enqueue-carrier-request";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { performDueCarrierRequests } from "@/db/mutations/perform-due-carrier-requests";
import { renewCard } from "@/db/mutations/renew-card";
import { retryCarrierRequests } from "@/db/mutations/retry-carrier-requests";
import { voidRenewal } from "@/db/mutations/void-renewal";
import { auditLog, carrierRequests, renewals } from "@/db/schema";
import { simulatedCarrier, type CarrierCall, type CarrierGateway } from "@/lib/carrier/gateway";
import { hkEnd } from "../helpers/dates";
import { inOwnDatabase } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, renewInput, rules } from "../helpers/factories";

async function renewed(db: Db) {
  const agent = await createStaff(db);
  const { cardId } = await createCustomerWithCard(db, { validityEnd: hkEnd(10) });
  const { planVersionId } = await createPlan(db);
  const result = await renewCard(await renewInput(db, cardId, planVersionId), agent, rules, db);
  return { agent, cardId, ...result, activationRequestId: result.activationRequestId! };
}

async function request(db: Db, id: number) {
  const [row] = await db.select().from(carrierRequests).where(eq(carrierRequests.id, id));
  return row!;
}

/** A carrier that records every call and answers from `answer`. */
function recordingCarrier(answer: (call: CarrierCall) => Promise<"ok" | "fail"> | "ok" | "fail" = () => "ok") {
  const calls: CarrierCall[] = [];
  const gateway: CarrierGateway = {
    async perform(call) {
      calls.push(call);
      return (await answer(call)) === "ok"
        ? { ok: true, reference: `REF-${call.idempotencyKey}` }
        : { ok: false, error: "carrier says no" };
    },
  };
  return { gateway, calls };
}

describe("carrier requests", () => {
  it("are written in the caller's transaction: a rolled-back change leaves no request", async () => {
    await inOwnDatabase(async (db) => {
      const { cardId } = await createCustomerWithCard(db);
      const key = `card:${cardId}:suspend:test`;
      await db
        .transaction(async (tx) => {
          await enqueueCarrierRequest(tx, { kind: "suspend", cardId, payload: {}, dedupeKey: key, createdBy: null });
          throw new Error("the suspension failed");
        })
        .catch(() => {});
      expect(await db.select().from(carrierRequests).where(eq(carrierRequests.dedupeKey, key))).toEqual([]);

      const first = await db.transaction((tx) =>
        enqueueCarrierRequest(tx, {
          kind: "suspend",
          cardId,
          payload: { reason: "lost" },
          dedupeKey: key,
          createdBy: null,
        }),
      );
      const second = await db.transaction((tx) =>
        enqueueCarrierRequest(tx, {
          kind: "suspend",
          cardId,
          payload: { reason: "lost" },
          dedupeKey: key,
          createdBy: null,
        }),
      );
      expect(first.created).toBe(true);
      expect(second).toEqual({ id: first.id, created: false });
    });
  });

  it("a renewal queues its activation; performing it calls the carrier with the request's key and activates the renewal", async () => {
    await inOwnDatabase(async (db) => {
      const { agent, renewalId, activationRequestId } = await renewed(db);
      const queued = await request(db, activationRequestId);
      expect(queued).toMatchObject({
        kind: "activate",
        renewalId,
        status: "pending",
        attempts: 0,
        createdBy: agent.id,
      });
      expect(queued.payload).toMatchObject({ dataCnMb: 8192, dataHkMb: 4096 });

      const carrier = recordingCarrier();
      const [outcome] = await performCarrierRequests([activationRequestId], agent, carrier.gateway, db);
      expect(outcome).toEqual({
        id: activationRequestId,
        outcome: "succeeded",
        reference: `REF-renewal:${renewalId}:activate`,
      });
      expect(carrier.calls).toEqual([
        expect.objectContaining({ kind: "activate", renewalId, idempotencyKey: `renewal:${renewalId}:activate` }),
      ]);
      expect(await request(db, activationRequestId)).toMatchObject({
        status: "succeeded",
        attempts: 1,
        carrierReference: `REF-renewal:${renewalId}:activate`,
        lockedUntil: null,
      });
      const [renewal] = await db.select({ status: renewals.status }).from(renewals).where(eq(renewals.id, renewalId));
      expect(renewal!.status).toBe("activated");
      // Performing it again does nothing: it is no longer pending.
      expect(await performCarrierRequests([activationRequestId], agent, carrier.gateway, db)).toEqual([]);
      expect(carrier.calls).toHaveLength(1);
    });
  });

  it("the worker retries a failed activation after backoff, then activates it", async () => {
    await inOwnDatabase(async (db) => {
      const { agent, renewalId, activationRequestId } = await renewed(db);
      await performCarrierRequests([activationRequestId], agent, simulatedCarrier("fail"), db);
      const failed = await request(db, activationRequestId);
      expect(failed).toMatchObject({ status: "pending", attempts: 1, lastError: "carrier unavailable (simulated)" });
      const [due] = await db.execute<{ waitSeconds: number }>(
        sql`select extract(epoch from next_attempt_at - now())::float as "waitSeconds" from carrier_requests where id = ${activationRequestId}`,
      );
      expect(due!.waitSeconds).toBeGreaterThan(20);

      // Not due yet: the worker leaves it alone.
      const carrier = recordingCarrier();
      expect(await performDueCarrierRequests(db, carrier.gateway)).toEqual({ succeeded: 0, retried: 0, failed: 0 });
      expect(carrier.calls).toHaveLength(0);

      await db.execute(sql`update carrier_requests set next_attempt_at = now() where id = ${activationRequestId}`);
      expect(await performDueCarrierRequests(db, carrier.gateway)).toEqual({ succeeded: 1, retried: 0, failed: 0 });
      const [renewal] = await db.select({ status: renewals.status }).from(renewals).where(eq(renewals.id, renewalId));
      expect(renewal!.status).toBe("activated");
      const trail = await db
        .select({ action: auditLog.action, actor: auditLog.actorStaffId })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "renewal"), eq(auditLog.entityId, String(renewalId))))
        .orderBy(auditLog.id);
      expect(trail).toEqual([
        { action: "renewal.activation_failed", actor: agent.id },
        { action: "renewal.activate", actor: null },
      ]);
    });
  });

  it("stops retrying after the last attempt; a person's retry re-arms it", async () => {
    await inOwnDatabase(async (db) => {
      const { agent, renewalId, activationRequestId } = await renewed(db);
      const [outcome] = await performCarrierRequests([activationRequestId], agent, simulatedCarrier("fail"), db, {
        maxAttempts: 1,
      });
      expect(outcome).toMatchObject({ outcome: "failed" });
      const gaveUp = await request(db, activationRequestId);
      expect(gaveUp.status).toBe("failed");
      expect(gaveUp.completedAt).toBeInstanceOf(Date);
      await db.execute(sql`update carrier_requests set next_attempt_at = now() where id = ${activationRequestId}`);
      expect(await performDueCarrierRequests(db, simulatedCarrier("ok"))).toEqual({
        succeeded: 0,
        retried: 0,
        failed: 0,
      });

      const [retried] = await retryCarrierRequests([activationRequestId], agent, simulatedCarrier("ok"), db);
      expect(retried).toMatchObject({ outcome: "succeeded" });
      expect(await request(db, activationRequestId)).toMatchObject({ status: "succeeded", attempts: 2 });
      const [audit] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "carrier_request.retry"), eq(auditLog.entityId, String(activationRequestId))));
      expect(audit).toMatchObject({ actorStaffId: agent.id, entityType: "carrier_request" });
      const [renewal] = await db.select({ status: renewals.status }).from(renewals).where(eq(renewals.id, renewalId));
      expect(renewal!.status).toBe("activated");
    });
  });

  it("two workers at once perform each due request exactly once (SKIP LOCKED)", async () => {
    await inOwnDatabase(async (db) => {
      const made = await Promise.all(Array.from({ length: 6 }, () => renewed(db)));
      const slow = recordingCarrier(async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return "ok" as const;
      });
      const [a, b] = await Promise.all([
        performDueCarrierRequests(db, slow.gateway, { batchSize: 3 }),
        performDueCarrierRequests(db, slow.gateway, { batchSize: 3 }),
      ]);
      expect(a.succeeded + b.succeeded).toBe(6);
      const keys = slow.calls.map((c) => c.idempotencyKey);
      expect(new Set(keys).size).toBe(6);
      expect(keys).toHaveLength(6);
      for (const { activationRequestId } of made)
        expect(await request(db, activationRequestId)).toMatchObject({ status: "succeeded", attempts: 1 });
    });
  });

  it("routes suspend, resume and swap to the gateway and records each outcome on the card's audit", async () => {
    await inOwnDatabase(async (db) => {
      const { cardId, iccid } = await createCustomerWithCard(db);
      const ids = await db.transaction(async (tx) =>
        Promise.all(
          (["suspend", "resume", "swap"] as const).map(async (kind) => {
            const { id } = await enqueueCarrierRequest(tx, {
              kind,
              cardId,
              payload: kind === "swap" ? { newIccid: "89852090000000000018" } : { reason: "lost" },
              dedupeKey: `card:${cardId}:${kind}`,
              createdBy: null,
            });
            return id;
          }),
        ),
      );
      const carrier = recordingCarrier((call) => (call.kind === "resume" ? "fail" : "ok"));
      const outcomes = await performCarrierRequests(ids, null, carrier.gateway, db);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(["retrying", "succeeded", "succeeded"]);
      expect(carrier.calls.map((c) => [c.kind, c.cardIccid]).sort()).toEqual([
        ["resume", iccid],
        ["suspend", iccid],
        ["swap", iccid],
      ]);
      expect(carrier.calls.find((c) => c.kind === "swap")!.payload).toEqual({ newIccid: "89852090000000000018" });
      const trail = await db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "card"), eq(auditLog.entityId, String(cardId))));
      expect(trail.map((t) => t.action).sort()).toEqual([
        "card.carrier_resume_failed",
        "card.carrier_suspend",
        "card.carrier_swap",
      ]);
    });
  });

  it("voiding an activated renewal queues a deactivation, retried like an activation", async () => {
    await inOwnDatabase(async (db) => {
      const { agent, renewalId } = await renewed(db);
      await activateRenewal(renewalId, agent, simulatedCarrier("ok"), db);
      const supervisor = await createStaff(db, { role: "supervisor" });
      const { deactivationRequestId } = await voidRenewal(
        { renewalId, reason: "Customer changed their mind", refundReference: "4200 0106 6040 001" },
        supervisor,
        {},
        db,
      );
      expect(deactivationRequestId).not.toBeNull();
      expect(await request(db, deactivationRequestId!)).toMatchObject({
        kind: "deactivate",
        renewalId,
        status: "pending",
        dedupeKey: `renewal:${renewalId}:deactivate`,
        createdBy: supervisor.id,
      });
      await performCarrierRequests([deactivationRequestId!], supervisor, simulatedCarrier("fail"), db);
      expect(await request(db, deactivationRequestId!)).toMatchObject({ status: "pending", attempts: 1 });
      await db.execute(sql`update carrier_requests set next_attempt_at = now() where id = ${deactivationRequestId!}`);
      expect(await performDueCarrierRequests(db, simulatedCarrier("ok"))).toMatchObject({ succeeded: 1 });
      expect(await request(db, deactivationRequestId!)).toMatchObject({
        status: "succeeded",
        carrierReference: `SIM-DEACTIVATE-${renewalId}`,
      });
      const actions = await db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "renewal"), eq(auditLog.entityId, String(renewalId))))
        .orderBy(auditLog.id);
      expect(actions.map((a) => a.action)).toEqual([
        "renewal.activate",
        "renewal.void",
        "renewal.deactivate_failed",
        "renewal.deactivate",
      ]);
    });
  });

  it("voiding a never-activated renewal cancels its activation; one the carrier completes anyway is deactivated", async () => {
    await inOwnDatabase(async (db) => {
      const supervisor = await createStaff(db, { role: "supervisor" });
      const cancelled = await renewed(db);
      await voidRenewal(
        { renewalId: cancelled.renewalId, reason: "paid twice", refundReference: "FRN1" + "0001" },
        supervisor,
        {},
        db,
      );
      expect(await request(db, cancelled.activationRequestId)).toMatchObject({
        status: "failed",
        lastError: "cancelled: renewal voided",
      });
      expect(
        await retryCarrierRequests([cancelled.activationRequestId], supervisor, simulatedCarrier("ok"), db),
      ).toEqual([]);

      // In flight at the carrier while the supervisor voids it.
      const inFlight = await renewed(db);
      const late = recordingCarrier(async () => {
        await voidRenewal(
          { renewalId: inFlight.renewalId, reason: "paid twice", refundReference: "FRN10002" },
          supervisor,
          {},
          db,
        );
        return "ok" as const;
      });
      await performCarrierRequests([inFlight.activationRequestId], inFlight.agent, late.gateway, db);
      const [deactivation] = await db
        .select()
        .from(carrierRequests)
        .where(and(eq(carrierRequests.renewalId, inFlight.renewalId), eq(carrierRequests.kind, "deactivate")));
      expect(deactivation).toMatchObject({ status: "pending" });
      const [renewal] = await db
        .select({ status: renewals.status })
        .from(renewals)
        .where(eq(renewals.id, inFlight.renewalId));
      expect(renewal!.status).toBe("voided");
    });
  });
});
