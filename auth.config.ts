import type { NextAuthConfig } from "next-auth";
import type { Role } from "@/lib/domain/permissions";

// The cookie's own life; the session row's idle timeout and absolute expiry
// (SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS) are what end a session.
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    sessionVersion: number;
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sessionVersion?: number;
    sid?: string;
  }
}

/**
 * The part of the Auth.js configuration that needs no database, shared by
 * auth.ts and proxy.ts. The staff row is re-read on every request by
 * requireStaff (lib/auth/session.ts); the token only says who claims to be here.
 */
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sessionVersion = user.sessionVersion;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = typeof token.sessionVersion === "number" ? token.sessionVersion : 0;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
  logger: {
    // Failed sign-ins are expected; their details (emails) stay out of the logs.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
} satisfies NextAuthConfig;
