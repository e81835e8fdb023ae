"use client";

import { useLocale } from "next-intl";
import { formatHkt, formatUtc } from "@/lib/domain/format";

/** Every instant in the console: Hong Kong time on screen, UTC on hover. */
export function HkTime({
  value,
  seconds,
  dateOnly,
  className,
}: {
  value: Date;
  seconds?: boolean;
  dateOnly?: boolean;
  className?: string;
}) {
  const locale = useLocale();
  return (
    <time dateTime={value.toISOString()} title={formatUtc(value)} className={className}>
      {formatHkt(value, { seconds, dateOnly, locale })}
    </time>
  );
}
