"use server";

import { revalidatePath } from "next/cache";
import { createExportJob } from "@/db/mutations/create-export-job";
import { ConflictError, PreconditionError } from "@/db/errors";
import { staffFormAction } from "@/lib/action";
import { readExportRange } from "@/lib/domain/reports/range";
import { limitStaff } from "@/lib/rate-limit-request";
import { exportJobSchema } from "@/lib/validation/reconciliation";

/** Queues a background export; it counts against the same export rate limit as a direct download. */
export const createExportJobAction = staffFormAction(
  exportJobSchema,
  async (input, { staff }) => {
    const read = readExportRange({ from: input.from, to: input.to });
    if (!read.ok) throw new PreconditionError("reconciliation.exports.invalid", {}, "from");
    const limited = await limitStaff("exports", staff);
    if (!limited.ok) throw new ConflictError("rateLimited", { seconds: limited.retryAfterSeconds });
    const result = await createExportJob(
      { idempotencyKey: input.idempotencyKey, kind: input.kind, range: read.range },
      staff,
    );
    revalidatePath("/reconciliation/exports");
    return { ok: true, data: result };
  },
  { permission: "exportMoney" },
);
