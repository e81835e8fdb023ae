import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";

export async function SecurityNav({ current }: { current: "log" | "throttles" }) {
  const t = await getTranslations("security");
  const links = [
    { key: "log", href: "/security", label: t("log.title") },
    { key: "throttles", href: "/security/throttles", label: t("throttles.title") },
  ] as const;
  return (
    <nav aria-label={t("nav")} className="mb-4 flex gap-1 border-b border-slate-200">
      {links.map((link) => (
        <Link
          key={link.key}
          href={link.href}
          aria-current={current === link.key ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            current === link.key
              ? "border-brand-600 text-brand-700"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
