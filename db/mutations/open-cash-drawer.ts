import { db as defaultDb, type Db } from "@/db";
import { ConflictError, PreconditionError, pgConstraint, pgErrorCode, pgErrorCodes } from "@/db/errors";
import { cashDrawers } from "@/db/schema";
import type { Currency } from "@/lib/domain/enums";
import { CASH_FLOAT_MAX_MINOR } from "@/lib/domain/cash-drawer";
import { hkDay } from "@/lib/domain/time";
import { writeAudit } from "./_shared/audit";

/**
 * Opens the signed-in agent's drawer for today's Hong Kong day in one
 * currency with the float they counted in. Their own only: the owner is the
 * session, never the client. Two opens at once (a double click, two tabs):
 * the unique key lets one land and tells the other it is already open.
 */
export async function openCashDrawer(
  input: { currency: Currency; openingFloatMinor: number },
  actor: { id: number },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<{ drawerId: number }> {
  if (
    !Number.isInteger(input.openingFloatMinor) ||
    input.openingFloatMinor < 0 ||
    input.openingFloatMinor > CASH_FLOAT_MAX_MINOR
  ) {
    throw new PreconditionError("drawer.errors.float", {}, "openingFloat");
  }
  const day = hkDay(options.now?.() ?? new Date());
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(cashDrawers)
        .values({ staffId: actor.id, day, currency: input.currency, openingFloatMinor: input.openingFloatMinor })
        .returning({ id: cashDrawers.id });
      await writeAudit(tx, {
        actorStaffId: actor.id,
        action: "cash_drawer.open",
        entityType: "cash_drawer",
        entityId: row!.id,
        after: { day, currency: input.currency, openingFloatMinor: input.openingFloatMinor },
      });
      return { drawerId: row!.id };
    });
  } catch (error) {
    if (
      pgErrorCode(error) === pgErrorCodes.uniqueViolation &&
      pgConstraint(error) === "cash_drawers_staff_day_currency"
    ) {
      throw new ConflictError("drawer.errors.alreadyOpen", { day, currency: input.currency });
    }
    throw error;
  }
}
