import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { EmptyState, PageHeader } from "@/components/ui/panel";
import { Table, Th } from "@/components/ui/table";
import { describeHits, searchHits } from "@/db/queries/customer-search";
import { requireStaff } from "@/lib/auth/session";
import { limitStaff } from "@/lib/rate-limit-request";
import { businessRules } from "@/lib/config";
import { classifySearch, SEARCH_MAX_LENGTH, toSearchCursor } from "@/lib/domain/search-classifier";
import { decodeCursor, encodeCursor } from "@/lib/keyset";
import { LifecycleNote } from "@/components/cards/lifecycle-note";
import { cardHref, toResultLine } from "./result-line";
import { ResultRows } from "./result-rows";
import { withClientMessages } from "@/lib/i18n/client-messages";
import { SearchTips } from "./search-tips";
import { RecentCustomers } from "@/components/palette/recent-customers";
import { localizedName } from "@/lib/domain/plan-names";

const PAGE_SIZE = 25;
/** Counting stops here: "more than 100" is all an agent needs to know to narrow the search. */
const COUNT_CAP = 100;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customers"))("title") };
}

async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff({ permission: "lookUpCustomers" });
  const t = await getTranslations("customers");
  const locale = await getLocale();
  const params = await searchParams;
  const q = typeof params.q === "string" ? params.q : "";
  const search = classifySearch(q);

  if (!search.ok) {
    return (
      <>
        <PageHeader title={t("title")} />
        {search.reason === "empty" ? null : (
          <Notice tone="warning" className="mb-4">
            {t(`refusal.${search.reason}`, { max: SEARCH_MAX_LENGTH })}
          </Notice>
        )}
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <SearchTips />
          <RecentCustomers />
        </div>
      </>
    );
  }

  const limited = await limitStaff("searches", staff);
  if (!limited.ok) {
    return (
      <>
        <PageHeader title={t("title")} />
        <Notice tone="warning" className="mb-4">
          {(await getTranslations("errors"))("rateLimited", { seconds: limited.retryAfterSeconds })}
        </Notice>
      </>
    );
  }

  const after = toSearchCursor(decodeCursor(typeof params.after === "string" ? params.after : null));
  // One statement: the page's hits and their capped count; the exact identifiers before any fragment.
  const page = await searchHits({ lookups: search.lookups, after, limit: PAGE_SIZE, countCap: COUNT_CAP });
  const [first, second] = page.hits;
  // One exact identifier hit (a whole number, ICCID, email or id) goes straight to its card;
  // a receipt number or payment reference to that renewal's receipt.
  if (!after && first?.rank === 0 && second?.rank !== 0 && first.renewalId !== null)
    redirect(`/renewals/${first.renewalId}`);
  if (!after && first?.rank === 0 && second?.rank !== 0 && first.cardId !== null)
    redirect(cardHref(first.customerId, first.cardId));

  const total = page.total ?? { count: 0, more: false };
  const now = new Date();
  const { graceDays } = businessRules();
  const lines = (await describeHits(page.hits, { now })).map((item) => toResultLine(item, search, now, graceDays));
  const base = `/customers?q=${encodeURIComponent(q)}`;

  return (
    <>
      <PageHeader
        title={t("results.title", { q: search.text })}
        description={
          <span data-testid="result-count">
            {total.more ? t("results.countMore", { count: total.count }) : t("results.count", { count: total.count })}
            {total.more ? ` ${t("results.narrowHint")}` : null}
          </span>
        }
      />
      {lines.length === 0 ? (
        <EmptyState
          title={t("results.noneTitle", { q: search.text })}
          body={t("results.noneBody")}
          action={
            after ? (
              <Link href={base} className={buttonClass("secondary")}>
                {t("results.first")}
              </Link>
            ) : undefined
          }
        />
      ) : (
        <Table caption={t("results.caption")} className="[&_tbody>tr:hover]:bg-slate-50">
          <thead>
            <tr>
              <Th>{t("results.columns.customer")}</Th>
              <Th>{t("results.columns.match")}</Th>
              <Th>{t("results.columns.card")}</Th>
              <Th>{t("results.columns.state")}</Th>
              <Th>{t("results.columns.validUntil")}</Th>
              <Th>{t("results.columns.plan")}</Th>
              <Th>{t("results.columns.dataLeft")}</Th>
            </tr>
          </thead>
          <ResultRows
            rows={lines.map((line) => ({
              href: line.href,
              customerId: line.customerId,
              nameZh: line.nameZh,
              nameEn: line.nameEn,
              reason: line.reason,
              matched: line.matched,
              cardId: line.cardId,
              numbers: line.numbers,
              state: line.state,
              // Absent rather than false or undefined: 25 rows of "notActiveYet":false add up.
              ...(line.notActiveYet ? { notActiveYet: true } : {}),
              ...(line.state === "suspended" || line.state === "replaced"
                ? { note: <LifecycleNote line={line} /> }
                : {}),
              validityEnd: line.validityEnd,
              plan: line.plan ? localizedName(locale, line.plan) : null,
              dataLeft: line.dataLeft,
            }))}
          />
        </Table>
      )}
      {after || page.next ? (
        <nav aria-label={t("results.caption")} className="mt-4 flex gap-3">
          {after ? (
            <Link href={base} className={buttonClass("secondary")}>
              {t("results.first")}
            </Link>
          ) : null}
          {page.next ? (
            <Link href={`${base}&after=${encodeCursor(page.next)}`} className={buttonClass("secondary")}>
              {t("results.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export default withClientMessages(["customers.data"], CustomersPage);
