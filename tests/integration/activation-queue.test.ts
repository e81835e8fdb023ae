import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { countPendingActivations, countStuckActivations, listPendingActivations } from "@/db/queries/activation-queue";
import { activateRenewal } from "@/db/mutations/activate-renewal";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { renewCard } from "@/db/mutations/renew-card";
import { simulatedCarrier } from "@/lib/carrier/gateway";
import { hkEndOfDay } from "@/lib/domain/time";
import { inOwnDatabase } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, renewInput, rules } from "../helpers/factories";

async function paidNotActive(db: Db, minutesAgo: number) {
  const agent = await createStaff(db);
  const { cardId } = await createCustomerWithCard(db, { validityEnd: hkEndOfDay("2027-06-30") });
  const { planVersionId } = await createPlan(db);
  const soldAt = new Date(Date.now() - minutesAgo * 60_000);
  const { renewalId, activationRequestId } = await renewCard(
    await renewInput(db, cardId, planVersionId),
    agent,
    { ...rules, now: () => soldAt },
    db,
  );
  await performCarrierRequests([activationRequestId!], agent, simulatedCarrier("fail"), db);
  return renewalId;
}

// The queue is every paid renewal of the database, oldest first and capped, so the test has a database of its own.
describe("the stuck-activation queue", () => {
  it("lists every paid renewal not yet active with its attempts and error, and flags those over 15 minutes", async () => {
    await inOwnDatabase(async (db) => {
      const fresh = await paidNotActive(db, 14);
      const stuck = await paidNotActive(db, 16);
      expect((await countStuckActivations(new Date(), db)).stuck).toBe(1);
      const queue = await listPendingActivations(db);
      expect(queue.map((row) => row.renewalId)).toEqual([stuck, fresh]);
      expect(queue[0]).toMatchObject({
        attempts: 1,
        lastError: "carrier unavailable (simulated)",
        requestStatus: "pending",
      });
      expect(await countPendingActivations(db)).toBe(2);
    });
  });

  it("pages the oldest and counts the whole queue, so a page past its cap says how many more wait", async () => {
    await inOwnDatabase(async (db) => {
      const [oldest, middle, newest] = [
        await paidNotActive(db, 30),
        await paidNotActive(db, 20),
        await paidNotActive(db, 5),
      ];
      expect((await listPendingActivations(db, 2)).map((row) => row.renewalId)).toEqual([oldest, middle]);
      expect(await countPendingActivations(db)).toBe(3);
      // Activated, a renewal leaves the queue and the next one moves up.
      await activateRenewal(oldest, await createStaff(db), simulatedCarrier("ok"), db);
      expect((await listPendingActivations(db, 2)).map((row) => row.renewalId)).toEqual([middle, newest]);
      expect(await countPendingActivations(db)).toBe(2);
    });
  });
});
