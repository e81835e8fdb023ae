import type { Locale } from "../config";

// One file per feature namespace keeps catalogs small and merge-friendly.
const namespaces = [
  "common",
  "nav",
  "auth",
  "errors",
  "customers",
  "cards",
  "renewals",
  "plans",
  "reports",
  "staff",
  "palette",
] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    namespaces.map(async (ns) => [ns, (await import(`./${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
