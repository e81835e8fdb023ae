"use server";

import { revalidatePath } from "next/cache";
import { updateRealName } from "@/db/mutations/update-real-name";
import { staffFormAction } from "@/lib/action";
import { contactContextOf } from "@/lib/validation/contact";
import { realNameSchema } from "@/lib/validation/desk";

export const updateRealNameAction = staffFormAction(
  realNameSchema,
  async (input, { staff }) => {
    const result = await updateRealName(
      {
        numberId: input.numberId,
        status: input.status,
        document: input.document ?? null,
        last4: input.last4 ?? null,
        deadline: input.deadline ?? null,
        context: contactContextOf(input),
      },
      staff,
    );
    revalidatePath("/customers", "layout");
    return { ok: true, data: result };
  },
  { permission: "editRealName" },
);
