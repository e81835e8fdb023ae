import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "./auth.config";

const { auth } = NextAuth(authConfig);

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

/**
 * Sends signed-out visitors to /login and back afterwards. A convenience, not
 * the security boundary: every page, read and action checks the session itself.
 */
export default auth((request) => {
  const { pathname, search } = request.nextUrl;
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  // A server action answers a signed-out caller itself (staffAction's "session
  // has ended" result); a redirect to the login page would reach it as HTML.
  const isAction = request.method === "POST" && request.headers.has("next-action");
  if (!request.auth && !isPublic && !isAction) {
    const url = new URL("/login", request.nextUrl);
    url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  const headers = new Headers(request.headers);
  headers.set("x-pathname", `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|screenshots/).*)"],
};
