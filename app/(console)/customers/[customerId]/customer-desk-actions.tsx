import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

export function CustomerDeskActions({ customerId, canEdit }: { customerId: number; canEdit: boolean }) {
  const t = useTranslations("desk");
  return (
    <>
      {canEdit ? (
        <Link href={`/customers/${customerId}/profile`} className={buttonClass("secondary")}>
          {t("profile.title")}
        </Link>
      ) : null}
      <a href="#log-contact" className={buttonClass("secondary")}>
        {t("contacts.title")}
      </a>
    </>
  );
}
