import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/db";
import { authenticateStaff } from "@/db/mutations/authenticate-staff";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { DEVICE_COOKIE, knownDeviceStaffId } from "@/lib/auth/device";
import { checkSession, sessionEnd } from "@/lib/auth/session-check";
import { env } from "@/lib/env";
import { signInSchema } from "@/lib/validation/auth";
import { authConfig } from "./auth.config";

/** A refused sign-in whose `code` the sign-in action turns into a message (never "incorrect" for anything else). */
class RefusedSignIn extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

function cookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

const nextAuth = NextAuth({
  ...authConfig,
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = authConfig.callbacks.jwt(params);
      if (params.user) return token;
      const id = Number(token.sub);
      if (typeof token.sid !== "string" || !Number.isSafeInteger(id)) return null;
      const check = await checkSession(token.sid, id, token.sessionVersion ?? 0);
      if (check.ok) return token;
      sessionEnd().reason = check.reason;
      return null;
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const code = typeof credentials.code === "string" ? credentials.code.slice(0, 32) : undefined;
        const { AUTH_SECRET, SESSION_MAX_SECONDS } = env();
        const result = await authenticateStaff(
          {
            ...parsed.data,
            code,
            address: request.headers.get(CLIENT_ADDRESS_HEADER) || "unknown",
            knownDeviceStaffId: knownDeviceStaffId(cookie(request, DEVICE_COOKIE), AUTH_SECRET),
            userAgent: request.headers.get("user-agent"),
            sessionMaxSeconds: SESSION_MAX_SECONDS,
            authSecret: AUTH_SECRET,
          },
          db,
        );
        if (!result.ok) {
          if (result.reason === "throttled") throw new RefusedSignIn(`throttled-${result.retryAfterSeconds}`);
          if (result.reason === "invalid") return null;
          throw new RefusedSignIn(result.reason);
        }
        const { staff } = result;
        return {
          id: String(staff.id),
          email: staff.email,
          name: staff.name,
          role: staff.role,
          sessionVersion: staff.sessionVersion,
          sessionId: result.sessionId,
        };
      },
    }),
  ],
});

export const { handlers, signIn, signOut } = nextAuth;
/** One token decode per request, however many components ask. */
export const auth = cache(nextAuth.auth);
