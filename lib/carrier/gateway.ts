import { env } from "@/lib/env";

/**
 * The carrier's provisioning API, behind a small interface so the console can
 * run without it. Activation is keyed by renewal id: the carrier treats a
 * repeated call as the same request, which makes Retry safe.
 */
export interface ActivationRequest {
  renewalId: number;
  iccid: string;
  startsAt: Date;
  endsAt: Date;
  dataCnMb: number;
  dataHkMb: number;
}

export type ActivationResult = { ok: true; reference: string } | { ok: false; error: string };

export interface CarrierGateway {
  activate(request: ActivationRequest): Promise<ActivationResult>;
}

/**
 * The default: a simulated carrier that succeeds. CARRIER_SIMULATION=fail makes
 * every activation fail and CARRIER_SIMULATION=slow:<ms> delays it, for
 * rehearsing outages; tests pass their own gateway.
 */
export function simulatedCarrier(mode: string): CarrierGateway {
  return {
    async activate(request) {
      const slow = /^slow:(\d+)$/.exec(mode);
      if (slow) await new Promise((resolve) => setTimeout(resolve, Number(slow[1])));
      if (mode === "fail") return { ok: false, error: "carrier unavailable (simulated)" };
      return { ok: true, reference: `SIM-ACT-${request.renewalId}` };
    },
  };
}

export function defaultCarrier(): CarrierGateway {
  return simulatedCarrier(env().CARRIER_SIMULATION);
}
