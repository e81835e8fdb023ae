/** Only same-site paths are followed after sign-in; anything else goes home. */
export function safeCallbackPath(value: unknown, fallback = "/customers"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return fallback;
  if (value.startsWith("/login") || value.startsWith("/api/")) return fallback;
  return value;
}
