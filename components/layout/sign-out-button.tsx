"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/action";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignOutButton({
  action,
  label,
}: {
  action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;
  label: string;
}) {
  const [, formAction] = useActionState(action, null);
  return (
    <form action={formAction}>
      <SubmitButton variant="secondary" pendingLabel={label}>
        {label}
      </SubmitButton>
    </form>
  );
}
