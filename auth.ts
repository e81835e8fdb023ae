import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/db";
import { authenticateStaff } from "@/db/mutations/authenticate-staff";
import { signInSchema } from "@/lib/validation/auth";
import { authConfig } from "./auth.config";

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "unknown";
}

const nextAuth = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const result = await authenticateStaff({ ...parsed.data, address: clientAddress(request) }, db);
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignIn();
          return null;
        }
        const { staff } = result;
        return {
          id: String(staff.id),
          email: staff.email,
          name: staff.name,
          role: staff.role,
          sessionVersion: staff.sessionVersion,
        };
      },
    }),
  ],
});

export const { handlers, signIn, signOut } = nextAuth;
/** One token decode per request, however many components ask. */
export const auth = cache(nextAuth.auth);
