import { and, eq } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { NotFoundError, PreconditionError } from "@/db/errors";
import { cards, contacts, customers } from "@/db/schema";
import type { ContactChannel, ContactOutcome } from "@/lib/domain/enums";
import { writeAudit } from "./_shared/audit";

export interface ContactLogInput {
  customerId: number;
  cardId: number | null;
  channel: ContactChannel;
  outcome: ContactOutcome;
  /** Only (and always) with outcome call_back; in the future. */
  callBackAt: Date | null;
  note: string | null;
  ticketRef: string | null;
}

/** Logs one contact with a customer (and card): the contact row and its audit row. */
export async function logContact(
  input: ContactLogInput,
  actor: { id: number },
  options: { now?: () => Date } = {},
  db: Db = defaultDb,
): Promise<{ contactId: number }> {
  const now = options.now?.() ?? new Date();
  if (input.outcome === "call_back") {
    if (!input.callBackAt || input.callBackAt.getTime() <= now.getTime()) {
      throw new PreconditionError("desk.contacts.errors.callBackPast", {}, "callBackAt");
    }
  }
  const callBackAt = input.outcome === "call_back" ? input.callBackAt : null;
  return db.transaction(async (tx) => {
    const [owner] = input.cardId
      ? await tx
          .select({ id: cards.customerId })
          .from(cards)
          .where(and(eq(cards.id, input.cardId), eq(cards.customerId, input.customerId)))
      : await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, input.customerId));
    if (!owner) throw new NotFoundError("desk.contacts.errors.notFound");
    const [row] = await tx
      .insert(contacts)
      .values({
        customerId: input.customerId,
        cardId: input.cardId,
        channel: input.channel,
        outcome: input.outcome,
        callBackAt,
        note: input.note,
        ticketRef: input.ticketRef,
        staffId: actor.id,
        createdAt: now,
      })
      .returning({ id: contacts.id });
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "customer.contact",
      entityType: "customer",
      entityId: input.customerId,
      customerId: input.customerId,
      after: { contactId: row!.id, cardId: input.cardId, outcome: input.outcome, callBackAt },
      context: { ticketRef: input.ticketRef, channel: input.channel, note: input.note },
    });
    return { contactId: row!.id };
  });
}
