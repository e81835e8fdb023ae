import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";

/**
 * Generate a password (the default) or type one. The radios are plain form
 * state (CSS shows the password field), so React's reset after an action
 * cannot leave them out of step with what is shown; callers key this by
 * `defaultMode` so a failed "set" comes back as "set". A typed password is
 * never echoed back.
 */
export function PasswordChoice({
  defaultMode,
  error,
  minLength,
  idPrefix,
}: {
  defaultMode: string;
  error?: string;
  minLength: number;
  idPrefix: string;
}) {
  const t = useTranslations("staff.form");
  const mode = defaultMode === "set" ? "set" : "generate";
  return (
    <fieldset className="group space-y-2">
      <legend className="text-sm font-medium text-slate-700">{t("passwordChoice")}</legend>
      {(["generate", "set"] as const).map((option) => (
        <label key={option} className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="radio"
            id={`${idPrefix}-mode-${option}`}
            name="mode"
            value={option}
            defaultChecked={mode === option}
            className="accent-brand-600"
          />
          {t(option)}
        </label>
      ))}
      <Field
        id={`${idPrefix}-password`}
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={minLength}
        hint={t("passwordHint", { min: minLength })}
        error={error}
        className={`hidden max-w-sm pl-6 ${idPrefix === "create" ? "group-has-[#create-mode-set:checked]:block" : "group-has-[#reset-mode-set:checked]:block"}`}
      />
    </fieldset>
  );
}
