import { env } from "@/lib/env";
import type { CarrierRequestKind } from "@/lib/domain/enums";

/**
 * The carrier's provisioning API, behind one small interface for every kind
 * of request (activate, deactivate, suspend, resume, swap), so the console can
 * run without it. `idempotencyKey` is the request's dedupe key
 * ("renewal:42:activate"): the carrier treats a repeated call with it as the
 * same request, which makes retries safe.
 */
export interface CarrierCall {
  kind: CarrierRequestKind;
  cardIccid: string;
  renewalId?: number | null;
  /** What this kind needs, as stored on the request (dates, quotas, the new ICCID …). */
  payload: Record<string, unknown>;
  idempotencyKey: string;
}

export type CarrierResult = { ok: true; reference: string } | { ok: false; error: string };

export interface CarrierGateway {
  perform(call: CarrierCall): Promise<CarrierResult>;
}

export type CarrierSimulation = "ok" | "fail" | `slow:${number}`;

/**
 * The default: a simulated carrier. CARRIER_SIMULATION=ok succeeds, =fail
 * fails every request of every kind, =slow:<ms> delays each one, for
 * rehearsing outages. `mode` may be a function, read on every call, so a test
 * build can switch it at run time; tests otherwise pass their own gateway.
 */
export function simulatedCarrier(mode: string | (() => string)): CarrierGateway {
  return {
    async perform(call) {
      const current = typeof mode === "function" ? mode() : mode;
      const slow = /^slow:(\d+)$/.exec(current);
      if (slow) await new Promise((resolve) => setTimeout(resolve, Number(slow[1])));
      if (current === "fail") return { ok: false, error: "carrier unavailable (simulated)" };
      const subject = call.renewalId ?? call.cardIccid.slice(-6);
      return { ok: true, reference: `SIM-${call.kind.toUpperCase()}-${subject}` };
    },
  };
}

export function defaultCarrier(): CarrierGateway {
  return simulatedCarrier(env().CARRIER_SIMULATION);
}
