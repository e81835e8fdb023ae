"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { sendExpiryReminders, type ReminderResult } from "@/db/mutations/send-expiry-reminders";
import { staffFormAction } from "@/lib/action";
import { businessRules } from "@/lib/config";

const MAX_CARDS = 100;

const remindersSchema = z
  .object({
    // The form sends the selected card ids as one comma-separated field.
    cardIds: z
      .string()
      .regex(new RegExp(`^\\d{1,10}(,\\d{1,10}){0,${MAX_CARDS - 1}}$`))
      .transform((value) => [...new Set(value.split(",").map(Number))]),
  })
  .strict();

/** Queues an expiry reminder SMS for each selected card that is due one; any staff member may. */
export const sendRemindersAction = staffFormAction(
  remindersSchema,
  async ({ cardIds }, { staff }) => {
    const result: ReminderResult = await sendExpiryReminders({
      cardIds,
      staffId: staff.id,
      now: new Date(),
      graceDays: businessRules().graceDays,
    });
    const t = await getTranslations("reports.worklist.sent");
    const message = [
      t("queued", { count: result.queued }),
      result.alreadyReminded ? t("already", { count: result.alreadyReminded }) : null,
      result.skipped ? t("skipped", { count: result.skipped }) : null,
    ]
      .filter(Boolean)
      .join(" ");
    revalidatePath("/reports/expiring");
    return { ok: true, data: result, message };
  },
  { permission: "sendExpiryReminders" },
);
