import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { HkTime } from "@/components/ui/hk-time";
import { Table, Td, Th, TBody } from "@/components/ui/table";
import type { listSettlementLines } from "@/db/queries/reconciliation";
import { formatMoney } from "@/lib/domain/money";
import { OutcomeBadge } from "./outcome-badge";

type Line = Awaited<ReturnType<typeof listSettlementLines>>[number];

/** A file's lines (or every open exception) with both sides of each: the file's and the console's. */
export async function LinesTable({ lines, caption, showFile }: { lines: Line[]; caption: string; showFile?: boolean }) {
  const t = await getTranslations("reconciliation");
  const locale = await getLocale();
  const money = (minor: number | null, currency: "HKD" | "CNY" | null) =>
    minor === null || currency === null ? "—" : formatMoney(minor, currency, locale);
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          {showFile ? <Th>{t("exceptions.file")}</Th> : null}
          <Th>{t("file.line")}</Th>
          <Th>{t("file.kind")}</Th>
          <Th>{t("file.reference")}</Th>
          <Th>{t("file.time")}</Th>
          <Th numeric>{t("file.fileAmount")}</Th>
          <Th numeric>{t("file.consoleAmount")}</Th>
          <Th>{t("file.outcome")}</Th>
          <Th>
            <span className="sr-only">{t("file.resolve")}</span>
          </Th>
        </tr>
      </thead>
      <TBody>
        {lines.map((line) => {
          const at = line.occurredAt ?? line.consoleAt;
          const open = line.outcome !== "matched" && !line.resolvedAt;
          return (
            <tr key={line.id} data-outcome={line.outcome}>
              {showFile ? (
                <Td>
                  <Link href={`/reconciliation/${line.fileId}`} className="text-brand-700 hover:underline">
                    #{line.fileId}
                  </Link>
                </Td>
              ) : null}
              <Td className="tabular-nums">
                {line.lineNo ?? <span className="text-slate-500">{t("file.consoleOnly")}</span>}
              </Td>
              <Td>{t(`kinds.${line.kind}`)}</Td>
              <Td className="font-mono text-xs">{line.reference ?? line.consoleReference ?? "—"}</Td>
              <Td className="whitespace-nowrap">{at ? <HkTime value={at} /> : "—"}</Td>
              <Td numeric>{money(line.amountMinor, line.currency)}</Td>
              <Td numeric className={line.outcome === "amount_differs" ? "font-semibold text-red-700" : undefined}>
                {money(line.consoleAmountMinor, line.consoleCurrency)}
              </Td>
              <Td>
                <OutcomeBadge outcome={line.outcome} resolution={line.resolution} />
              </Td>
              <Td>
                {line.outcome !== "matched" ? (
                  <Link
                    href={`/reconciliation/lines/${line.id}`}
                    className="whitespace-nowrap font-medium text-brand-700 hover:underline"
                    aria-label={`${open ? t("file.resolve") : t("line.back")} ${line.lineNo ?? line.consoleReference ?? line.id}`}
                  >
                    {open ? t("file.resolve") : "→"}
                  </Link>
                ) : null}
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
