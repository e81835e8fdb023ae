"use server";

import { AuthError } from "next-auth";
import { getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { db } from "@/db";
import { endSession } from "@/db/mutations/end-session";
import { getStaffIdByEmail } from "@/db/queries/staff";
import { publicFormAction } from "@/lib/action";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, deviceCookieValue } from "@/lib/auth/device";
import { getStaff } from "@/lib/auth/session";
import { signInRefusal } from "@/lib/auth/sign-in-refusal";
import { env } from "@/lib/env";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { signInSchema } from "@/lib/validation/auth";

export const signInAction = publicFormAction(
  signInSchema.extend({
    callbackUrl: z.string().max(2048).optional(),
    code: z.string().max(32).optional(),
  }),
  async ({ email, password, code, callbackUrl }) => {
    const t = await getTranslations("auth");
    let target: string;
    try {
      target = await signIn("credentials", {
        email,
        password,
        code: code ?? "",
        redirectTo: safeCallbackPath(callbackUrl),
        redirect: false,
      });
    } catch (error) {
      if (!(error instanceof AuthError)) console.error(`[auth] sign-in failed: ${(error as Error)?.name ?? "error"}`);
      const refusal = signInRefusal(error);
      // needsCode tells the form to show the code field: "required" (a prompt) or "invalid" (an error).
      const values = {
        email,
        ...(refusal.kind === "two_factor_required" ? { needsCode: "required" } : {}),
        ...(refusal.kind === "two_factor_invalid" ? { needsCode: "invalid" } : {}),
      };
      if (refusal.kind === "throttled")
        return { ok: false, message: t("throttled", { seconds: refusal.retryAfterSeconds }), values };
      if (refusal.kind === "two_factor_required") return { ok: false, message: t("twoFactorRequired"), values };
      if (refusal.kind === "two_factor_invalid") return { ok: false, message: t("twoFactorInvalid"), values };
      return { ok: false, message: t(refusal.kind === "invalid" ? "invalid" : "unavailable"), values };
    }
    // This browser has now signed in as this person: its failed attempts are throttled apart from strangers'.
    const staffId = await getStaffIdByEmail(email, db);
    if (staffId !== null)
      (await cookies()).set(DEVICE_COOKIE, deviceCookieValue(staffId, env().AUTH_SECRET), {
        httpOnly: true,
        sameSite: "lax",
        secure: new URL(target, "http://x").protocol === "https:",
        maxAge: DEVICE_COOKIE_MAX_AGE,
        path: "/",
      });
    redirect(safeCallbackPath(callbackUrl));
  },
);

export const signOutAction = publicFormAction(z.object({}), async () => {
  const current = await getStaff();
  if (current) await endSession(current.sessionId, current.id, "sign_out");
  await signOut({ redirectTo: "/login?reason=signed-out-by-you" });
  return { ok: true, data: null };
});
