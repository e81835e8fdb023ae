import { describe, expect, it } from "vitest";
import { simulatedCarrier } from "@/lib/carrier/gateway";

describe("the simulated carrier", () => {
  it("honours CARRIER_SIMULATION for every kind", async () => {
    for (const kind of ["activate", "deactivate", "suspend", "resume", "swap"] as const) {
      const call = { kind, cardIccid: "8985209000000000001", renewalId: 7, payload: {}, idempotencyKey: `k-${kind}` };
      expect(await simulatedCarrier("ok").perform(call)).toEqual({
        ok: true,
        reference: `SIM-${kind.toUpperCase()}-7`,
      });
      expect(await simulatedCarrier("fail").perform(call)).toEqual({
        ok: false,
        error: "carrier unavailable (simulated)",
      });
      expect(await simulatedCarrier("slow:1").perform(call)).toMatchObject({ ok: true });
    }
    let mode = "fail";
    const switchable = simulatedCarrier(() => mode);
    const call = { kind: "swap" as const, cardIccid: "8985209000000000001", payload: {}, idempotencyKey: "k" };
    expect(await switchable.perform(call)).toMatchObject({ ok: false });
    mode = "ok";
    expect(await switchable.perform(call)).toEqual({ ok: true, reference: "SIM-SWAP-000001" });
  });
});
