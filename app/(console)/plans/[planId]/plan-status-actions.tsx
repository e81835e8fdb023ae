"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { changePlanStatusAction, deletePlanAction } from "../actions";

type Status = "draft" | "active" | "archived";
type Kind = "publish" | "archive" | "restore" | "delete";

const available: Record<Status, Kind[]> = { draft: ["publish", "delete"], active: ["archive"], archived: ["restore"] };
const pendingLabel = { publish: "publishing", archive: "archiving", restore: "restoring", delete: "deleting" } as const;

/**
 * Publish, archive, restore and delete, each behind a confirmation that says
 * what it does to agents and customers. The result stays on screen after the
 * page re-renders with the plan's new state.
 */
export function PlanStatusActions({
  planId,
  lockVersion,
  status,
}: {
  planId: number;
  lockVersion: number;
  status: Status;
}) {
  const t = useTranslations("plans.actions");
  const [changeState, changeAction] = useActionState(changePlanStatusAction, null);
  const [deleteState, deleteAction] = useActionState(deletePlanAction, null);
  // The confirmation belongs to the results seen when it opened: a new result closes it.
  const [confirming, setConfirming] = useState<{ kind: Kind; seen: [unknown, unknown] } | null>(null);
  const open =
    confirming && confirming.seen[0] === changeState && confirming.seen[1] === deleteState ? confirming.kind : null;
  const [lastSent, setLastSent] = useState<"change" | "delete">("change");
  const result = lastSent === "delete" ? deleteState : changeState;

  return (
    <div className="space-y-3">
      {result ? <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice> : null}
      {open ? (
        <form
          action={open === "delete" ? deleteAction : changeAction}
          onSubmit={() => setLastSent(open === "delete" ? "delete" : "change")}
          className="space-y-3 rounded-md border border-amber-200 bg-amber-50 p-3"
        >
          <input type="hidden" name="planId" value={planId} />
          <input type="hidden" name="lockVersion" value={lockVersion} />
          {open !== "delete" ? <input type="hidden" name="kind" value={open} /> : null}
          <p className="text-sm text-amber-900">{t(`${open}Confirm`)}</p>
          <div className="flex gap-2">
            <SubmitButton
              variant={open === "publish" || open === "restore" ? "primary" : "danger"}
              pendingLabel={t(pendingLabel[open])}
            >
              {t("confirm", { action: t(open).toLowerCase() })}
            </SubmitButton>
            <Button variant="ghost" onClick={() => setConfirming(null)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <div role="group" aria-label={t("label")} className="flex flex-wrap gap-2">
          {available[status].map((kind) => (
            <Button
              key={kind}
              variant={
                kind === "publish" || kind === "restore" ? "primary" : kind === "delete" ? "danger" : "secondary"
              }
              onClick={() => setConfirming({ kind, seen: [changeState, deleteState] })}
            >
              {t(kind)}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
