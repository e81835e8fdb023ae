"use server";

import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { endStaffSessions } from "@/db/mutations/end-staff-sessions";
import { publicFormAction } from "@/lib/action";
import { getStaff } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { signInSchema } from "@/lib/validation/auth";

export const signInAction = publicFormAction(
  signInSchema.extend({ callbackUrl: z.string().max(2048).optional() }),
  async ({ email, password, callbackUrl }) => {
    const t = await getTranslations("auth");
    try {
      await signIn("credentials", { email, password, redirectTo: safeCallbackPath(callbackUrl) });
    } catch (error) {
      // signIn throws NEXT_REDIRECT on success: only Auth.js errors are ours to handle.
      if (error instanceof AuthError) {
        const throttled =
          error.type === "CredentialsSignin" && (error as AuthError & { code?: string }).code === "throttled";
        return { ok: false, message: t(throttled ? "throttled" : "invalid"), values: { email } };
      }
      throw error;
    }
    return { ok: true, data: null };
  },
);

export const signOutAction = publicFormAction(z.object({}), async () => {
  const current = await getStaff();
  if (current) await endStaffSessions(current.id, "sign_out");
  await signOut({ redirectTo: "/login?reason=signed-out-by-you" });
  return { ok: true, data: null };
});
