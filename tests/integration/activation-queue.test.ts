import { describe, expect, it } from "vitest";
import { countStuckActivations, listPendingActivations } from "@/db/queries/activation-queue";
import { performCarrierRequests } from "@/db/mutations/perform-carrier-requests";
import { renewCard } from "@/db/mutations/renew-card";
import { simulatedCarrier } from "@/lib/carrier/gateway";
import { hkEndOfDay } from "@/lib/domain/time";
import { testDb } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, renewInput, rules } from "../helpers/factories";

async function paidNotActive(minutesAgo: number) {
  const { db } = testDb();
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

describe("the stuck-activation queue", () => {
  it("lists every paid renewal not yet active with its attempts and error, and flags those over 15 minutes", async () => {
    const { db } = testDb();
    const before = await countStuckActivations(new Date(), db);
    const fresh = await paidNotActive(14);
    const stuck = await paidNotActive(16);
    const after = await countStuckActivations(new Date(), db);
    expect(after.stuck - before.stuck).toBe(1);
    const queue = await listPendingActivations(db);
    const mine = queue.filter((row) => row.renewalId === fresh || row.renewalId === stuck);
    expect(mine.map((row) => row.renewalId)).toEqual([stuck, fresh]);
    expect(mine[0]).toMatchObject({
      attempts: 1,
      lastError: "carrier unavailable (simulated)",
      requestStatus: "pending",
    });
  });
});
