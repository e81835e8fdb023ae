import type { Language } from "@/lib/domain/enums";
import { customerReceiptLines, type CustomerReceipt as Receipt } from "@/lib/domain/receipt-text";

/**
 * The receipt handed or sent to the customer, in their own language (zh-Hant,
 * zh-Hans or en), whatever the console's language: what Print prints.
 */
export function CustomerReceipt({ receipt, language }: { receipt: Receipt; language: Language }) {
  const text = customerReceiptLines(receipt, language);
  return (
    <section
      lang={language}
      aria-labelledby="customer-receipt-title"
      className="print-receipt rounded-lg border border-slate-300 bg-white p-6"
      data-testid="customer-receipt"
    >
      <header className="border-b border-slate-200 pb-3">
        <p className="text-lg font-semibold text-slate-900">{text.company.name}</p>
        <p className="text-xs text-slate-600">{text.company.line}</p>
      </header>
      <h2 id="customer-receipt-title" className="mt-3 text-base font-semibold text-slate-900">
        {text.title} · {text.status}
      </h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1.5 text-sm">
        {text.rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="font-medium tabular-nums text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-4 text-xs text-slate-600">{text.thanks}</p>
    </section>
  );
}
