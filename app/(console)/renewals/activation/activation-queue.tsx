"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { HkTime } from "@/components/ui/hk-time";
import { Notice } from "@/components/ui/notice";
import { Table, TBody, Td, Th } from "@/components/ui/table";
import { retryActivationsAction } from "./actions";

export interface QueueRow {
  requestId: number;
  renewalId: number;
  receipt: string;
  customer: string;
  customerId: number;
  cardId: number;
  iccid: string;
  plan: string;
  amount: string;
  soldBy: string | null;
  createdAt: Date;
  ageMinutes: number;
  stuck: boolean;
  attempts: number;
  lastError: string | null;
  /** The worker ran out of automatic retries: only a person's retry sends it again. */
  gaveUp: boolean;
  nextAttemptAt: Date | null;
}

/**
 * The queue's table: pick rows (or all) and retry them now; the outcome is
 * announced. `total` counts the whole queue, the rows past this page too.
 */
export function ActivationQueue({ rows, total }: { rows: QueueRow[]; total: number }) {
  const t = useTranslations("renewals.queue");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();

  function retry(requestIds: number[]) {
    start(async () => {
      const outcome = await retryActivationsAction({ requestIds });
      setResult(
        outcome.ok
          ? { ok: outcome.data.failed === 0, message: t("retried", outcome.data) }
          : { ok: false, message: outcome.message },
      );
      setSelected(new Set());
    });
  }

  const announcement = result ? (
    <span role="status" className={result.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>
      {result.message}
    </span>
  ) : null;
  if (rows.length === 0)
    return (
      <div className="space-y-3">
        {announcement}
        <Notice tone="success">{t("empty")}</Notice>
      </div>
    );
  const all = selected.size === rows.length;
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" disabled={pending || selected.size === 0} onClick={() => retry([...selected])}>
          {pending ? t("retrying") : t("retrySelected", { count: selected.size })}
        </Button>
        <span className="text-sm text-slate-600">{t("count", { count: total })}</span>
        {announcement}
      </div>
      {total > rows.length ? <Notice tone="warning">{t("capped", { shown: rows.length, total })}</Notice> : null}
      <Table caption={t("title")}>
        <thead>
          <tr>
            <Th>
              <input
                type="checkbox"
                aria-label={t("selectAll")}
                checked={all}
                onChange={() => setSelected(all ? new Set() : new Set(rows.map((r) => r.requestId)))}
              />
            </Th>
            <Th>{t("columns.renewal")}</Th>
            <Th>{t("columns.customer")}</Th>
            <Th>{t("columns.age")}</Th>
            <Th numeric>{t("columns.attempts")}</Th>
            <Th>{t("columns.lastError")}</Th>
            <Th>{t("columns.action")}</Th>
          </tr>
        </thead>
        <TBody>
          {rows.map((row) => (
            <tr key={row.requestId} className={row.stuck ? "bg-amber-50/60" : undefined}>
              <Td>
                <input
                  type="checkbox"
                  aria-label={t("select", { receipt: row.receipt })}
                  checked={selected.has(row.requestId)}
                  onChange={() => toggle(row.requestId)}
                />
              </Td>
              <Td className="whitespace-nowrap">
                <Link href={`/renewals/${row.renewalId}`} className="font-medium text-brand-700 hover:underline">
                  {row.receipt}
                </Link>
                <p className="text-xs text-slate-600">
                  {row.plan} · {row.amount}
                </p>
              </Td>
              <Td>
                <Link
                  href={`/customers/${row.customerId}/cards/${row.cardId}`}
                  className="text-brand-700 hover:underline"
                >
                  {row.customer}
                </Link>
                <p className="font-mono text-xs text-slate-600">{row.iccid}</p>
              </Td>
              <Td className="whitespace-nowrap">
                <span className="flex items-center gap-1.5">
                  {t("age", { minutes: row.ageMinutes })}
                  {row.stuck ? <Badge tone="red">{t("stuck")}</Badge> : null}
                </span>
                <HkTime value={row.createdAt} className="text-xs text-slate-600" />
                {row.soldBy ? <p className="text-xs text-slate-600">{row.soldBy}</p> : null}
              </Td>
              <Td numeric>{row.attempts}</Td>
              <Td className="max-w-xs text-xs">
                {row.lastError ?? "—"}
                <p className="text-slate-600">
                  {row.gaveUp ? (
                    t("gaveUp")
                  ) : row.nextAttemptAt ? (
                    <>
                      {t("nextAttempt")} <HkTime value={row.nextAttemptAt} />
                    </>
                  ) : null}
                </p>
              </Td>
              <Td>
                <Button
                  type="button"
                  variant="secondary"
                  className="px-2 py-1 text-xs"
                  disabled={pending}
                  onClick={() => retry([row.requestId])}
                  aria-label={t("retryOne", { receipt: row.receipt })}
                >
                  {t("retry")}
                </Button>
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
