"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { CardStateBadge } from "@/components/cards/card-state-badge";
import { HkTime } from "@/components/ui/hk-time";
import type { CardState } from "@/lib/domain/card-state";
import type { MatchReason } from "@/lib/domain/search-classifier";
import { CustomerName } from "./customer-name";
import { DataLeft } from "./data-left";
import { MatchReasonText } from "./match-reason";

/** One results row as the page hands it over: its texts already in the UI language, or the ids and figures it formats. */
export interface ResultRow {
  /** Also the row's key: one row per card, or per customer without one. */
  href: string;
  customerId: number;
  nameZh: string | null;
  nameEn: string | null;
  reason: MatchReason;
  matched: string;
  cardId: number | null;
  numbers: string[];
  state: CardState | null;
  notActiveYet?: boolean;
  /** The suspension or replacement note, rendered by the page; absent on most rows. */
  note?: React.ReactNode;
  validityEnd: Date | null;
  plan: string | null;
  dataLeft: { cnMb: number; hkMb: number } | null;
}

/**
 * The results rows, rendered here rather than by the page: a server
 * component's markup is sent twice (HTML and RSC payload), a client
 * component's only once beside these few fields, and 25 rows of markup were
 * most of the page. Everything a row says is computed on the server, and
 * the rows' classes live once in globals.css (.result-rows).
 */
export function ResultRows({ rows }: { rows: ResultRow[] }) {
  const t = useTranslations("customers.results.row");
  return (
    <tbody className="result-rows divide-y divide-slate-100">
      {rows.map((row) => (
        <tr key={row.href}>
          <td>
            <Link href={row.href} className="card-link">
              <CustomerName nameZh={row.nameZh} nameEn={row.nameEn} />
            </Link>
            <Link href={`/customers/${row.customerId}`} className="customer-link">
              {t("customerNumber", { id: row.customerId })}
            </Link>
          </td>
          <td className="match">
            <MatchReasonText reason={row.reason} value={row.matched} />
          </td>
          <td>
            {row.cardId !== null ? (
              <>
                {t("cardNumber", { id: row.cardId })}
                <div className="numbers">
                  {row.numbers.map((number) => (
                    <div key={number}>{number}</div>
                  ))}
                </div>
              </>
            ) : (
              <span className="muted">{t("noCard")}</span>
            )}
          </td>
          <td className="nowrap">
            {row.state ? <CardStateBadge state={row.state} notActiveYet={row.notActiveYet} /> : null}
            {row.note}
          </td>
          <td className="nowrap">{row.validityEnd ? <HkTime value={row.validityEnd} /> : null}</td>
          <td>{row.plan ?? <span className="muted">—</span>}</td>
          <td className="nowrap">
            {row.cardId !== null ? <DataLeft dataLeft={row.dataLeft} hasPlan={row.plan !== null} /> : null}
          </td>
        </tr>
      ))}
    </tbody>
  );
}
