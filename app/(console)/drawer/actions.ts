"use server";

import { revalidatePath } from "next/cache";
import { closeCashDrawer } from "@/db/mutations/close-cash-drawer";
import { correctCashDrawer } from "@/db/mutations/correct-cash-drawer";
import { openCashDrawer } from "@/db/mutations/open-cash-drawer";
import { signOffCashDrawer } from "@/db/mutations/sign-off-cash-drawer";
import { staffFormAction } from "@/lib/action";
import {
  closeDrawerSchema,
  correctDrawerSchema,
  openDrawerSchema,
  signOffDrawerSchema,
} from "@/lib/validation/reconciliation";

/** The signed-in agent's own drawer for today: the owner and the day come from the session and the clock. */
export const openDrawerAction = staffFormAction(
  openDrawerSchema,
  async (input, { staff }) => {
    const result = await openCashDrawer({ currency: input.currency, openingFloatMinor: input.openingFloat }, staff);
    revalidatePath("/drawer", "layout");
    return { ok: true, data: result };
  },
  { permission: "runCashDrawer" },
);

/** Closes the agent's own drawer; what it should hold is computed on the server. */
export const closeDrawerAction = staffFormAction(
  closeDrawerSchema,
  async (input, { staff }) => {
    const result = await closeCashDrawer(
      { drawerId: input.drawerId, countedMinor: input.counted, reason: input.reason ?? null },
      staff,
    );
    revalidatePath("/drawer", "layout");
    return { ok: true, data: result };
  },
  { permission: "runCashDrawer" },
);

export const signOffDrawerAction = staffFormAction(
  signOffDrawerSchema,
  async (input, { staff }) => {
    await signOffCashDrawer({ drawerId: input.drawerId, note: input.note ?? null }, staff);
    revalidatePath("/drawer", "layout");
    return { ok: true, data: null };
  },
  { permission: "superviseCashDrawers" },
);

export const correctDrawerAction = staffFormAction(
  correctDrawerSchema,
  async (input, { staff }) => {
    const result = await correctCashDrawer(
      {
        idempotencyKey: input.idempotencyKey,
        drawerId: input.drawerId,
        amountMinor: input.direction === "add" ? input.amount : -input.amount,
        reason: input.reason,
      },
      staff,
    );
    revalidatePath("/drawer", "layout");
    return { ok: true, data: result };
  },
  { permission: "superviseCashDrawers" },
);
