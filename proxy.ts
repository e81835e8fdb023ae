import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/auth/client-address";
import { env } from "@/lib/env";
import { contentSecurityPolicy, HSTS, PERMISSIONS_POLICY, refuseRequest } from "@/lib/security-headers";
import { authConfig } from "./auth.config";

const { auth } = NextAuth(authConfig);

const PUBLIC_PATHS = ["/login", "/api/auth", "/api/health"];

const refusalText = {
  403: "Cross-site request refused.",
  411: "Send the request with a Content-Length.",
  413: "Request too large.",
} as const;

/**
 * `next start` speaks plain HTTP, so HTTPS means a proxy terminated TLS; only
 * a trusted proxy's X-Forwarded-Proto counts (request.nextUrl trusts any).
 */
function isHttps(request: NextRequest, hops: number): boolean {
  return hops > 0 && request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/**
 * Every request: refuses cross-site, origin-less and oversized state-changing
 * requests (403 / 413), fixes the client address (TRUSTED_PROXY_HOPS), sets a
 * per-request CSP nonce (Next puts it on its own scripts), HSTS over HTTPS,
 * and sends signed-out visitors to /login. The redirect is a convenience, not
 * the security boundary: every page, read and action checks the session itself.
 */
export default auth((request) => {
  const refusal = refuseRequest(request.method, request.headers);
  if (refusal) {
    return new NextResponse(refusalText[refusal.status], {
      status: refusal.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }

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

  const hops = env().TRUSTED_PROXY_HOPS;
  const https = isHttps(request, hops);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: env().NODE_ENV !== "production", https });
  const headers = new Headers(request.headers);
  headers.set("x-pathname", `${pathname}${search}`);
  headers.set(CLIENT_ADDRESS_HEADER, clientAddress(request.headers, hops));
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Permissions-Policy", PERMISSIONS_POLICY);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
});

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|screenshots/).*)"],
};
