/**
 * The response headers every page carries and the checks every state-changing
 * request passes, computed by proxy.ts. Pure, so unit tests can hold them to
 * the letter.
 */

/** Next's default server-action body limit; a larger declared body is refused before it is read. */
export const MAX_BODY_BYTES = 1024 * 1024;

export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    `default-src 'self'`,
    // 'strict-dynamic' lets Next's nonce'd loader pull in its own chunks; nothing inline runs without the nonce.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // React and recharts set style attributes; styles cannot run code, so inline styles stay allowed.
    `style-src 'self' 'unsafe-inline'`,
    // data: for the 2FA QR code, which is rendered on the server.
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
    `form-action 'self'`,
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "interest-cohort=()",
].join(", ");

export const HSTS = "max-age=31536000; includeSubDomains";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type RequestRefusal = {
  status: 403 | 411 | 413;
  reason: "cross_site" | "no_origin" | "too_large" | "length_required";
} | null;

/**
 * Defence in depth for state-changing requests: browsers send Origin (and
 * Sec-Fetch-Site) with every POST, so a POST with neither came from a script
 * outside a browser, and one from another origin is a forgery. Both answer
 * 403 instead of reaching Next's own check (which answers 500). A declared
 * body over the limit answers 413; a body sent without a declared length
 * (chunked) answers 411, since browsers always declare it and Next's own
 * limit would otherwise answer 500 halfway through reading it.
 */
export function refuseRequest(method: string, headers: Headers): RequestRefusal {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const declared = headers.get("content-length");
  if (declared === null && headers.has("transfer-encoding")) return { status: 411, reason: "length_required" };
  const length = Number(declared ?? "0");
  if (Number.isFinite(length) && length > MAX_BODY_BYTES) return { status: 413, reason: "too_large" };
  const fetchSite = headers.get("sec-fetch-site");
  const origin = headers.get("origin");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return { status: 403, reason: "cross_site" };
  if (origin) {
    const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    return originHost && originHost === host ? null : { status: 403, reason: "cross_site" };
  }
  return fetchSite === "same-origin" ? null : { status: 403, reason: "no_origin" };
}
