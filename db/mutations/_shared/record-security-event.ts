import type { DbOrTx } from "@/db/client";
import { securityEvents } from "@/db/schema";
import type { SecurityEventKind } from "@/lib/domain/enums";

export interface SecurityEvent {
  kind: SecurityEventKind;
  staffId?: number | null;
  actorStaffId?: number | null;
  address?: string | null;
  /** Small, non-secret facts (a reason, a limit, a masked email); never a password, token, code or full personal datum. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Written in the caller's transaction when it records a change, so both commit together. */
export async function recordSecurityEvent(db: DbOrTx, event: SecurityEvent): Promise<void> {
  await db.insert(securityEvents).values({
    kind: event.kind,
    staffId: event.staffId ?? null,
    actorStaffId: event.actorStaffId ?? null,
    address: event.address ?? null,
    detail: event.detail ?? {},
  });
}
