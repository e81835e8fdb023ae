import { useTranslations } from "next-intl";
import { EmptyState } from "@/components/ui/panel";

const kinds = ["hk", "cn", "last4", "iccid", "name", "email", "id"] as const;

/** What the one search box understands; shown before the first search and after a refused one. */
export function SearchTips() {
  const t = useTranslations("customers.start");
  return (
    <EmptyState
      title={t("title")}
      body={
        <>
          {t("body")}
          <ul className="mx-auto mt-4 max-w-xl list-disc space-y-1 pl-5 text-left">
            {kinds.map((kind) => (
              <li key={kind}>{t(`kinds.${kind}`)}</li>
            ))}
          </ul>
        </>
      }
    />
  );
}
