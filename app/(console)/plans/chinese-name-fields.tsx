"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Direction = "toHant" | "toHans";

/** OpenCC's tables are about 1 MB each way, so they load only when an admin asks for a proposal. */
async function convert(text: string, direction: Direction): Promise<string> {
  if (direction === "toHant") {
    const OpenCC = (await import("opencc-js/cn2t")).default;
    return OpenCC.Converter({ from: "cn", to: "hk" })(text);
  }
  const OpenCC = (await import("opencc-js/t2cn")).default;
  return OpenCC.Converter({ from: "hk", to: "cn" })(text);
}

/**
 * The plan's Chinese names in both scripts. Either can propose the other
 * (OpenCC, with phrase-level conversion); the admin reads and may correct the
 * proposal before saving, so nothing is converted behind their back.
 */
export function ChineseNameFields({
  defaults,
  errors,
}: {
  defaults: { nameZh: string; nameZhHant: string };
  errors: { nameZh?: string; nameZhHant?: string };
}) {
  const t = useTranslations("plans.form");
  const hans = useRef<HTMLInputElement>(null);
  const hant = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [proposed, setProposed] = useState<Direction | null>(null);

  async function propose(direction: Direction) {
    const [source, target] = direction === "toHant" ? [hans.current, hant.current] : [hant.current, hans.current];
    if (!source || !target || !source.value.trim()) return;
    setBusy(true);
    try {
      target.value = await convert(source.value, direction);
      setProposed(direction);
      target.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-2 sm:col-span-2">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <Field
            ref={hans}
            label={t("nameZh")}
            name="nameZh"
            defaultValue={defaults.nameZh}
            error={errors.nameZh}
            maxLength={120}
            lang="zh-Hans"
            required
          />
          <Button variant="ghost" className="mt-1 px-2 py-1 text-xs" disabled={busy} onClick={() => propose("toHant")}>
            {t("proposeHant")}
          </Button>
        </div>
        <div>
          <Field
            ref={hant}
            label={t("nameZhHant")}
            name="nameZhHant"
            defaultValue={defaults.nameZhHant}
            error={errors.nameZhHant}
            maxLength={120}
            lang="zh-Hant"
            required
          />
          <Button variant="ghost" className="mt-1 px-2 py-1 text-xs" disabled={busy} onClick={() => propose("toHans")}>
            {t("proposeHans")}
          </Button>
        </div>
      </div>
      <p role="status" className="text-xs text-slate-600">
        {proposed ? t("proposed") : ""}
      </p>
    </div>
  );
}
