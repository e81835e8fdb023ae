/** A customer's Chinese and Latin names together, as staff say them. */
export function CustomerName({
  nameZh,
  nameEn,
  className,
}: {
  nameZh: string | null;
  nameEn: string | null;
  className?: string;
}) {
  return (
    <span className={className}>
      {nameZh ? <span lang="zh">{nameZh}</span> : null}
      {nameZh && nameEn ? <span className="text-slate-400"> · </span> : null}
      {nameEn ? <span>{nameEn}</span> : null}
    </span>
  );
}

export function customerNameText(nameZh: string | null, nameEn: string | null): string {
  return [nameZh, nameEn].filter(Boolean).join(" · ");
}
