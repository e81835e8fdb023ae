import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { withSql, type DemoRole } from "./support";

/** The console's pages, with demo rows that exist after seeding. */
export async function demoPages() {
  const ids = await withSql(async (sql) => {
    const [card] = await sql`select c.id as card_id, c.customer_id from cards c where c.id = 1`;
    const [renewal] =
      await sql`select id from renewals where card_id = 1 and status <> 'voided' order by id desc limit 1`;
    const [plan] = await sql`select id from plans where code = 'MONTHLY-8GB'`;
    const [staff] = await sql`select id from staff where email = 'agent@example.com'`;
    // The seed's WeChat Pay bill and closed drawer (db/seed.ts, "money at the end of the day").
    const [file] = await sql`select id from settlement_files order by id limit 1`;
    const [drawer] = await sql`select id from cash_drawers where status = 'closed' order by id limit 1`;
    return {
      settlementFileId: Number(file!.id),
      drawerId: Number(drawer!.id),
      customerId: Number(card!.customer_id),
      cardId: Number(card!.card_id),
      renewalId: Number(renewal!.id),
      planId: Number(plan!.id),
      staffId: Number(staff!.id),
    };
  });
  const cardPath = `/customers/${ids.customerId}/cards/${ids.cardId}`;
  const pages = {
    customers: "/customers",
    search: "/customers?q=%E7%8E%8B",
    customer: `/customers/${ids.customerId}`,
    card: cardPath,
    renew: `${cardPath}/renew`,
    receipt: `/renewals/${ids.renewalId}`,
    plans: "/plans",
    plan: `/plans/${ids.planId}`,
    newPlan: "/plans/new",
    reports: "/reports",
    worklist: "/reports/expiring",
    staff: "/staff",
    staffMember: `/staff/${ids.staffId}`,
    newStaff: "/staff/new",
    notFound: "/no-such-page",
    drawer: "/drawer",
    drawersOfDay: "/drawer/day",
    drawerDetail: `/drawer/${ids.drawerId}`,
    reconciliation: "/reconciliation",
    settlementFile: `/reconciliation/${ids.settlementFileId}`,
    exceptions: "/reconciliation/exceptions",
    dailyClose: "/reconciliation/close",
    exports: "/reconciliation/exports",
  };
  return { ids, pages };
}

/** Supervisors' and admins' end-of-day pages: reconciliation, the daily close, exports, every drawer. */
function moneyPages(pages: Awaited<ReturnType<typeof demoPages>>["pages"]): string[] {
  return [
    pages.reconciliation,
    pages.settlementFile,
    pages.exceptions,
    pages.dailyClose,
    pages.exports,
    pages.drawersOfDay,
    pages.drawerDetail,
  ];
}

/** Every page each role can open (agents and supervisors are refused plan editing and staff). */
export async function pagesFor(role: DemoRole): Promise<string[]> {
  const { pages } = await demoPages();
  const everyone = [
    pages.customers,
    pages.search,
    pages.customer,
    pages.card,
    pages.renew,
    pages.receipt,
    pages.plans,
    pages.reports,
    pages.worklist,
    pages.notFound,
    pages.drawer,
  ];
  const reconciling = role === "agent" ? [] : moneyPages(pages);
  return role === "admin"
    ? [...everyone, ...reconciling, pages.plan, pages.newPlan, pages.staff, pages.staffMember, pages.newStaff]
    : [...everyone, ...reconciling];
}

/**
 * The pages whose content depends on the role, beyond the header's name and
 * badge: void controls (card, receipt), revenue (reports), editing (plans),
 * and the admin-only pages. A page outside this list renders the same for
 * every role, so the a11y walk checks it once, as an agent.
 */
export async function roleDependentPages(role: DemoRole): Promise<string[]> {
  const { pages } = await demoPages();
  if (role === "agent") return pagesFor("agent");
  const dependent = [pages.card, pages.receipt, pages.reports, pages.plans, ...moneyPages(pages)];
  return role === "admin"
    ? [...dependent, pages.plan, pages.newPlan, pages.staff, pages.staffMember, pages.newStaff]
    : dependent;
}

type Catalog = Map<string, string>;

function flatten(value: unknown, prefix: string, out: Catalog) {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object")
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
}

export function catalog(locale: string): Catalog {
  const dir = path.join(process.cwd(), "lib/i18n/messages", locale);
  const out: Catalog = new Map();
  for (const file of readdirSync(dir))
    flatten(JSON.parse(readFileSync(path.join(dir, file), "utf8")), file.replace(/\.json$/, ""), out);
  return out;
}

/**
 * The English a translated page must not show: each en message that its
 * translation changes, cut at its placeholders into literal runs of at
 * least two words (so "{count} cards" checks " cards" no further).
 */
export function englishLeftovers(locale: string): string[] {
  const en = catalog("en");
  const other = catalog(locale);
  const runs = new Set<string>();
  for (const [key, text] of en) {
    if (other.get(key) === text) continue;
    // Plural/select bodies: keep the words inside them too.
    for (const part of text.split(/[{}]|#/)) {
      const run = part.trim();
      if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(run) && run.length >= 8 && !/^(one|other|=\d)\b/.test(run)) runs.add(run);
    }
  }
  return [...runs];
}

export function messageKeys(): string[] {
  return [...catalog("en").keys()].filter((key) => key.includes("."));
}
