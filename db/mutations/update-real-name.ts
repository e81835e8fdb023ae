import { eq, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { NotFoundError, PreconditionError } from "@/db/errors";
import { cardNumbers, cards } from "@/db/schema";
import type { RealNameDocument, RealNameStatus } from "@/lib/domain/enums";
import { hkEndOfDay } from "@/lib/domain/time";
import { writeAudit, type AuditContext } from "./_shared/audit";

export interface RealNameInput {
  numberId: number;
  status: RealNameStatus;
  document: RealNameDocument | null;
  /** The document's last four characters, never more. */
  last4: string | null;
  /** Hong Kong day by which a pending registration must be completed. */
  deadline: string | null;
  context?: AuditContext;
}

/**
 * Records a number's real-name status. Only the document type and its last
 * four characters are kept; "not required" clears them. A pending status
 * needs a deadline, which must not already have passed.
 */
export async function updateRealName(
  input: RealNameInput,
  actor: { id: number },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<{ cardId: number }> {
  const now = options.now?.() ?? new Date();
  const deadline = input.status === "pending" && input.deadline ? hkEndOfDay(input.deadline) : null;
  if (input.status === "pending" && (!deadline || deadline.getTime() <= now.getTime())) {
    throw new PreconditionError("desk.realName.errors.deadlinePast", {}, "deadline");
  }
  const keepsDocument = input.status !== "not_required";
  const document = keepsDocument ? input.document : null;
  const last4 = keepsDocument && input.document ? input.last4 : null;
  return db.transaction(async (tx) => {
    const [number] = await tx
      .select({
        id: cardNumbers.id,
        cardId: cardNumbers.cardId,
        customerId: cards.customerId,
        status: cardNumbers.realNameStatus,
        document: cardNumbers.realNameDocument,
        last4: cardNumbers.realNameDocumentLast4,
        deadline: cardNumbers.realNameDeadline,
      })
      .from(cardNumbers)
      .innerJoin(cards, eq(cards.id, cardNumbers.cardId))
      .where(eq(cardNumbers.id, input.numberId))
      .for("update", { of: cardNumbers });
    if (!number) throw new NotFoundError("desk.realName.errors.notFound");
    await tx
      .update(cardNumbers)
      .set({
        realNameStatus: input.status,
        realNameDocument: document,
        realNameDocumentLast4: document ? last4 : null,
        realNameDeadline: deadline,
        realNameUpdatedAt: sql`now()`,
      })
      .where(eq(cardNumbers.id, number.id));
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "number.real_name",
      entityType: "card",
      entityId: number.cardId,
      customerId: number.customerId,
      before: {
        numberId: number.id,
        status: number.status,
        document: number.document,
        last4: number.last4,
        deadline: number.deadline,
      },
      after: { numberId: number.id, status: input.status, document, last4: document ? last4 : null, deadline },
      context: input.context,
    });
    return { cardId: number.cardId };
  });
}
