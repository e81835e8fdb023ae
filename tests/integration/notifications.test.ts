import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { describe, expect, it } from "vitest";
import { activateRenewal } from "@/db/mutations/activate-renewal";
import { renewCard } from "@/db/mutations/renew-card";
import { resendNotification } from "@/db/mutations/resend-notification";
import { notifications } from "@/db/schema";
import { simulatedCarrier } from "@/lib/carrier/gateway";
import { deliverDueNotifications } from "@/db/mutations/deliver-due-notifications";
import type { SmsProvider } from "@/lib/notifications/sms-provider";
import { inOwnDatabase, testDb } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, renewInput, rules } from "../helpers/factories";

/** A provider that records what it was asked to send; `dedupe` mimics a gateway that honours idempotency keys. */
function recordingProvider(options: { dedupe?: boolean; failTimes?: number } = {}) {
  const attempts: string[] = [];
  const delivered = new Map<string, number>();
  let failures = options.failTimes ?? 0;
  const provider: SmsProvider = {
    name: "recording",
    async send({ dedupeKey }) {
      attempts.push(dedupeKey);
      if (failures-- > 0) throw new Error("gateway timeout");
      if (!(options.dedupe && delivered.has(dedupeKey))) delivered.set(dedupeKey, (delivered.get(dedupeKey) ?? 0) + 1);
      return { providerMessageId: `rec-${dedupeKey}` };
    },
  };
  return { provider, attempts, delivered };
}

async function renewed(db: Db) {
  const agent = await createStaff(db);
  const { cardId } = await createCustomerWithCard(db);
  const { planVersionId } = await createPlan(db);
  const { renewalId } = await renewCard(await renewInput(db, cardId, planVersionId), agent, rules, db);
  return { agent, renewalId, key: `renewal:${renewalId}:confirmation` };
}

/** Deliver until nothing is due. */
async function deliverAll(db: Db, provider: SmsProvider, options: Parameters<typeof deliverDueNotifications>[2] = {}) {
  for (let round = 0; round < 20; round++) {
    const counts = await deliverDueNotifications(db, provider, { batchSize: 500, ...options });
    if (counts.sent + counts.retried + counts.failed === 0) return;
  }
}

// The worker claims every due message of its database, so its tests run in a database of their own.
describe("notification worker", () => {
  it("holds a renewal's confirmation until the carrier activated it, then sends it once", async () => {
    await inOwnDatabase(async (db) => {
      const { agent, renewalId, key } = await renewed(db);
      const { provider, delivered } = recordingProvider();
      await deliverAll(db, provider);
      expect(delivered.has(key)).toBe(false);

      await activateRenewal(renewalId, agent, simulatedCarrier("ok"), db);
      await deliverAll(db, provider);
      await deliverAll(db, provider);
      expect(delivered.get(key)).toBe(1);
      const [row] = await db
        .select({ status: notifications.status, sentAt: notifications.sentAt })
        .from(notifications)
        .where(eq(notifications.dedupeKey, key));
      expect(row!.status).toBe("sent");
      expect(row!.sentAt).toBeInstanceOf(Date);
    });
  });

  it("retries with backoff after a failed send", async () => {
    await inOwnDatabase(async (db) => {
      const { agent, renewalId, key } = await renewed(db);
      await activateRenewal(renewalId, agent, simulatedCarrier("ok"), db);
      const failing = recordingProvider({ failTimes: 1_000 });
      await deliverDueNotifications(db, failing.provider, { batchSize: 500 });
      const [row] = await db
        .select({
          status: notifications.status,
          attempts: notifications.attempts,
          next: notifications.nextAttemptAt,
          error: notifications.lastError,
        })
        .from(notifications)
        .where(eq(notifications.dedupeKey, key));
      expect(row).toMatchObject({ status: "pending", attempts: 1, error: "gateway timeout" });
      expect(row!.next.getTime()).toBeGreaterThan(Date.now() + 20_000);
    });
  });

  it("sends at most one duplicate when the worker crashes between send and mark, and none with a deduping provider", async () => {
    await inOwnDatabase(async (db) => {
      for (const dedupe of [false, true]) {
        const { agent, renewalId, key } = await renewed(db);
        await activateRenewal(renewalId, agent, simulatedCarrier("ok"), db);
        const recorder = recordingProvider({ dedupe });
        // The first worker dies right after the provider accepted the message.
        await deliverAll(db, recorder.provider, {
          lockSeconds: 1,
          afterSend: (id) => {
            void id;
            throw new Error("worker killed");
          },
        }).catch(() => {});
        const [claimed] = await db
          .select({ status: notifications.status })
          .from(notifications)
          .where(eq(notifications.dedupeKey, key));
        expect(claimed!.status).toBe("pending");
        await db
          .update(notifications)
          .set({ lockedUntil: new Date(Date.now() - 1000), nextAttemptAt: new Date(Date.now() - 1000) })
          .where(eq(notifications.dedupeKey, key));
        await deliverAll(db, recorder.provider);
        expect(recorder.attempts.filter((k) => k === key)).toHaveLength(2);
        expect(recorder.delivered.get(key)).toBe(dedupe ? 1 : 2);
        const [row] = await db
          .select({ status: notifications.status })
          .from(notifications)
          .where(eq(notifications.dedupeKey, key));
        expect(row!.status).toBe("sent");
      }
    });
  });

  it("queues one resend copy per message per minute, however many clicks", async () => {
    const { db } = testDb();
    const { agent, renewalId } = await renewed(db);
    const [original] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.renewalId, renewalId));
    const copies = await Promise.all([
      resendNotification(original!.id, agent, {}, db),
      resendNotification(original!.id, agent, {}, db),
    ]);
    expect(new Set(copies.map((c) => c.notificationId)).size).toBe(1);
    const rows = await db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(inArray(notifications.renewalId, [renewalId]));
    expect(rows.map((r) => r.kind).sort()).toEqual(["renewal_confirmation", "resend"]);
  });
});
