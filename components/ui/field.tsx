import { cn } from "./cn";

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:outline-2 focus:outline-offset-1 focus:outline-brand-600 aria-[invalid=true]:border-red-500";

/**
 * A labelled input with its error tied to it by aria-describedby. `className`
 * places the whole field (label, input, hint); `inputClassName` styles the input alone.
 */
export function Field({
  label,
  name,
  error,
  hint,
  className,
  inputClassName,
  ...inputProps
}: React.ComponentProps<"input"> & {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  inputClassName?: string;
}) {
  const id = inputProps.id ?? `field-${name}`;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(inputClass, inputClassName)}
        {...inputProps}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The inline error under a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="text-sm text-red-600">
      {error}
    </p>
  ) : null;
}
