import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";

/**
 * A correction's direction (add / subtract) and its amount, as every
 * correction form asks them: the amount is typed unsigned, the sign chosen.
 */
export function SignedAmountFields({
  labels,
  values,
  errors,
}: {
  labels: { direction: string; add: string; subtract: string; amount: string };
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label={labels.direction}
        name="direction"
        defaultValue={values?.direction ?? "add"}
        error={errors?.direction}
        options={[
          { value: "add", label: labels.add },
          { value: "subtract", label: labels.subtract },
        ]}
      />
      <Field
        label={labels.amount}
        name="amount"
        inputMode="decimal"
        defaultValue={values?.amount ?? ""}
        error={errors?.amount}
        required
      />
    </div>
  );
}
