import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState, PageHeader, Panel } from "@/components/ui/panel";
import { HkTime } from "@/components/ui/hk-time";
import { Th } from "@/components/ui/table";
import {
  countWorklistWindows,
  listExpiryWorklist,
  listSuspendedInWindow,
  WORKLIST_COUNT_CAP,
} from "@/db/queries/expiry-worklist";
import { requireStaff } from "@/lib/auth/session";
import { businessRules } from "@/lib/config";
import { formatHkt } from "@/lib/domain/format";
import { decodeCursor, encodeCursor } from "@/lib/keyset";
import { daysBetween } from "@/lib/domain/reports/range";
import {
  parseSort,
  parseWindow,
  windowBounds,
  worklistCursor,
  worklistWindows,
  type WorklistSort,
  type WorklistWindow,
} from "@/lib/domain/reports/worklist";
import { DAY_MS, hkDay } from "@/lib/domain/time";
import { LifecycleNote } from "@/components/cards/lifecycle-note";
import { ReportsNav } from "../reports-nav";
import { firstParam, type SearchParams } from "../report-params";
import { SegmentedLinks } from "../segmented-links";
import { sendRemindersAction } from "./actions";
import { WorklistTable, type WorklistItem } from "./worklist-table";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { localizedName } from "@/lib/domain/plan-names";
import { may } from "@/lib/domain/permissions";
import { formatQueue } from "@/lib/domain/worklist-queue";
import { withClientMessages } from "@/lib/i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports.worklist"))("title") };
}

function worklistHref(window: WorklistWindow, sort: WorklistSort, after?: string) {
  const params = new URLSearchParams({ window });
  if (sort !== "end") params.set("sort", sort);
  if (after) params.set("after", after);
  return `/reports/expiring?${params}`;
}

async function ExpiryWorklistPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff({ permission: "viewReports" });
  const search = await searchParams;
  const window = parseWindow(firstParam(search.window));
  const sort = parseSort(firstParam(search.sort));
  const after = firstParam(search.after);
  const t = await getTranslations("reports");
  return (
    <>
      <PageHeader title={t("worklist.title")} description={t("worklist.description")} />
      <ReportsNav current="worklist" />
      {/* Keyed by the URL state, so another window or page shows the skeleton while it loads. */}
      <Suspense key={worklistHref(window, sort, after)} fallback={<WorklistSkeleton />}>
        <Worklist window={window} sort={sort} after={after} />
      </Suspense>
    </>
  );
}

async function WorklistSkeleton() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{t("loading")}</span>
      <div className="h-10 w-[28rem] max-w-full animate-pulse rounded-md bg-slate-200" />
      <div className="h-96 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}

async function Worklist({
  window,
  sort,
  after: cursor,
}: {
  window: WorklistWindow;
  sort: WorklistSort;
  after: string | undefined;
}) {
  const after = worklistCursor(decodeCursor(cursor));
  const staff = await requireStaff({ permission: "viewReports" });
  const now = new Date();
  const { graceDays } = businessRules();
  const [page, counts, suspended] = await Promise.all([
    listExpiryWorklist({ window, sort, after, now, graceDays }),
    countWorklistWindows({ now, graceDays }),
    // Beside the first page only: the suspended cards are a short list, not paged with the calls.
    after ? null : listSuspendedInWindow({ window, now, graceDays }),
  ]);
  const t = await getTranslations("reports.worklist");
  const locale = await getLocale();
  const today = hkDay(now);

  const items: WorklistItem[] = page.rows.map((row, index) => {
    const primary = locale === "en" ? (row.nameEn ?? row.nameZh) : (row.nameZh ?? row.nameEn);
    const secondary = locale === "en" ? row.nameZh : row.nameEn;
    return {
      cardId: row.cardId,
      customerId: row.customerId,
      name: primary ?? t("noName"),
      otherName: secondary && secondary !== primary ? secondary : null,
      numbers: [row.hkMsisdn, row.cnMsisdn].filter((n): n is string => n !== null).map(formatMsisdn),
      plan:
        row.planNameEn === null
          ? null
          : localizedName(locale, { en: row.planNameEn, zh: row.planNameZh ?? "", zhHant: row.planNameZhHant }),
      validityEnd: row.validityEnd,
      state: row.validityEnd.getTime() < now.getTime() ? "grace" : "active",
      notActiveYet: row.undeliveredFrom !== null,
      daysFromToday: daysBetween(today, hkDay(row.validityEnd)),
      graceDaysLeft: Math.max(0, daysBetween(today, hkDay(new Date(row.validityEnd.getTime() + graceDays * DAY_MS)))),
      lastContact: row.lastContactAt
        ? { at: row.lastContactAt, kind: row.lastContactKind!, status: row.lastContactStatus! }
        : null,
      lastCall: row.deskContactAt ? { at: row.deskContactAt, outcome: row.deskOutcome!, by: row.deskStaffName } : null,
      callBackDue: row.callBackAt,
      queue: formatQueue(page.rows.slice(index + 1).map((r) => ({ customerId: r.customerId, cardId: r.cardId }))),
    };
  });
  const last = page.rows.at(-1);
  const nextHref =
    page.hasMore && last ? worklistHref(window, sort, encodeCursor([last.validityEndKey, last.cardId])) : null;
  const hint =
    window === "grace"
      ? t("windowHint.grace", { days: graceDays })
      : t("windowHint.expiring", { until: formatHkt(windowBounds(window, now, graceDays).to, { locale }) });
  const countLabel = (w: WorklistWindow) =>
    counts[w].capped ? t("countCapped", { count: WORKLIST_COUNT_CAP }) : t("count", { count: counts[w].count });

  const sortHeader = (
    <Th aria-sort={sort === "end" ? "ascending" : "descending"}>
      <Link
        href={worklistHref(window, sort === "end" ? "-end" : "end")}
        className="inline-flex items-center gap-1 hover:text-slate-900"
      >
        {t("columns.validityEnd")}
        <span aria-hidden>{sort === "end" ? "↑" : "↓"}</span>
        <span className="sr-only">{sort === "end" ? t("sortAscending") : t("sortDescending")}</span>
      </Link>
    </Th>
  );

  return (
    <div className="space-y-4">
      <SegmentedLinks
        label={t("windows.label")}
        options={worklistWindows.map((w) => ({
          href: worklistHref(w, sort),
          label: (
            <>
              {t(`windows.${w}`)} <span className="ml-1 text-xs tabular-nums opacity-80">{countLabel(w)}</span>
            </>
          ),
          current: w === window,
        }))}
      />
      <p className="text-sm text-slate-600">{hint}</p>
      {items.length === 0 ? (
        <EmptyState title={t("empty")} body={t("emptyBody")} />
      ) : (
        <WorklistTable
          items={items}
          action={sendRemindersAction}
          sortHeader={sortHeader}
          caption={`${t("title")}: ${t(`windows.${window}`)}`}
          canGrantGoodwill={may.grantGoodwill(staff)}
        />
      )}
      {suspended && suspended.count > 0 ? <SuspendedInWindow suspended={suspended} /> : null}
      <nav aria-label={t("title")} className="flex items-center justify-between text-sm">
        {after ? (
          <Link href={worklistHref(window, sort)} className="font-medium text-brand-700 hover:underline">
            {t("first")}
          </Link>
        ) : (
          <span />
        )}
        {nextHref ? (
          <Link href={nextHref} className="font-medium text-brand-700 hover:underline">
            {t("next")} →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

/** The window's suspended cards: not called (they cannot be renewed until lifted), but shown with why, by whom and since when. */
async function SuspendedInWindow({ suspended }: { suspended: Awaited<ReturnType<typeof listSuspendedInWindow>> }) {
  const t = await getTranslations("reports.worklist.suspended");
  const locale = await getLocale();
  return (
    <Panel
      title={
        suspended.capped ? t("titleCapped", { count: WORKLIST_COUNT_CAP }) : t("title", { count: suspended.count })
      }
    >
      <p className="mb-3 text-sm text-slate-600">{t("body")}</p>
      <ul className="divide-y divide-slate-100 text-sm">
        {suspended.rows.map((row) => (
          <li key={row.cardId} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
            <div className="min-w-0">
              <Link
                href={`/customers/${row.customerId}/cards/${row.cardId}`}
                className="font-medium text-brand-700 hover:underline"
              >
                {(locale === "en" ? (row.nameEn ?? row.nameZh) : (row.nameZh ?? row.nameEn)) ??
                  t("card", { id: row.cardId })}
              </Link>{" "}
              <span className="text-slate-500">
                · {t("card", { id: row.cardId })}
                {row.hkMsisdn ? ` · ${formatMsisdn(row.hkMsisdn)}` : ""}
              </span>
              <LifecycleNote
                line={{
                  state: "suspended",
                  suspensionReason: row.suspensionReason,
                  suspendedAt: row.suspendedAt,
                  suspendedByName: row.suspendedByName,
                  replacedByCardId: null,
                }}
              />
            </div>
            <span className="whitespace-nowrap text-slate-700">
              {t("ends")} <HkTime value={row.validityEnd} />
            </span>
          </li>
        ))}
      </ul>
      {suspended.count > suspended.rows.length ? (
        <p className="mt-2 text-xs text-slate-500">{t("more", { shown: suspended.rows.length })}</p>
      ) : null}
    </Panel>
  );
}

export default withClientMessages(["reports.worklist", "desk"], ExpiryWorklistPage);
