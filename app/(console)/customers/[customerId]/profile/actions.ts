"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { updateCustomerProfile } from "@/db/mutations/update-customer-profile";
import { staffFormAction } from "@/lib/action";
import { contactContextOf } from "@/lib/validation/contact";
import { profileSchema } from "@/lib/validation/desk";

export const updateProfileAction = staffFormAction(
  profileSchema,
  async (input, { staff }) => {
    const result = await updateCustomerProfile(
      {
        customerId: input.customerId,
        lockVersion: input.lockVersion,
        nameZh: input.nameZh ?? null,
        nameEn: input.nameEn ?? null,
        email: input.email ?? null,
        contactPhone: input.contactPhone ?? null,
        preferredLanguage: input.preferredLanguage,
        context: contactContextOf(input),
      },
      staff,
    );
    revalidatePath("/customers", "layout");
    const t = await getTranslations("desk.profile");
    return { ok: true, data: result, message: result.changed.length ? t("saved") : t("unchanged") };
  },
  { permission: "editCustomerProfile" },
);
