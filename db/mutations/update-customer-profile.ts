import { and, eq, isNull, sql } from "drizzle-orm";
import { db as defaultDb, type Db } from "@/db";
import { ConflictError, NotFoundError, PreconditionError } from "@/db/errors";
import { cardNumbers, cards, customers, staff } from "@/db/schema";
import type { Language } from "@/lib/domain/enums";
import { formatMsisdn } from "@/lib/domain/identifiers";
import { writeAudit, type AuditContext } from "./_shared/audit";

export interface ProfileInput {
  customerId: number;
  /** The lockVersion the agent's form was opened with. */
  lockVersion: number;
  nameZh: string | null;
  nameEn: string | null;
  email: string | null;
  contactPhone: string | null;
  preferredLanguage: Language;
  context?: AuditContext;
}

const fields = ["nameZh", "nameEn", "email", "contactPhone", "preferredLanguage"] as const;

/**
 * Saves a customer's profile edit made against `lockVersion`: a form opened
 * before someone else's save is refused, naming who changed it, instead of
 * silently overwriting their work. The audit row holds the fields that
 * changed, before and after. A contact number that is on one of the
 * customer's live cards belongs to the card and is not changed here.
 */
export async function updateCustomerProfile(
  input: ProfileInput,
  actor: { id: number },
  db: Db = defaultDb,
): Promise<{ lockVersion: number; changed: string[] }> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        id: customers.id,
        lockVersion: customers.lockVersion,
        nameZh: customers.nameZh,
        nameEn: customers.nameEn,
        email: customers.email,
        contactPhone: customers.contactPhone,
        preferredLanguage: customers.preferredLanguage,
        updatedByName: staff.name,
      })
      .from(customers)
      .leftJoin(staff, eq(staff.id, customers.updatedBy))
      .where(eq(customers.id, input.customerId))
      .for("update", { of: customers });
    if (!current) throw new NotFoundError("desk.profile.errors.notFound");
    if (current.lockVersion !== input.lockVersion) {
      throw new ConflictError(
        current.updatedByName ? "desk.profile.errors.stale" : "desk.profile.errors.staleUnknown",
        { name: current.updatedByName ?? "" },
      );
    }
    const next = {
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      email: input.email,
      contactPhone: input.contactPhone,
      preferredLanguage: input.preferredLanguage,
    };
    if (current.contactPhone && next.contactPhone !== current.contactPhone) {
      const [live] = await tx
        .select({ cardId: cardNumbers.cardId })
        .from(cardNumbers)
        .innerJoin(cards, eq(cards.id, cardNumbers.cardId))
        .where(
          and(
            eq(cardNumbers.msisdn, current.contactPhone),
            isNull(cardNumbers.releasedAt),
            eq(cards.customerId, current.id),
          ),
        )
        .limit(1);
      if (live) {
        throw new PreconditionError(
          "desk.profile.errors.numberOnCard",
          { number: formatMsisdn(current.contactPhone), cardId: live.cardId },
          "contactPhone",
        );
      }
    }
    const changed = fields.filter((field) => current[field] !== next[field]);
    if (changed.length === 0) return { lockVersion: current.lockVersion, changed };
    const [saved] = await tx
      .update(customers)
      .set({ ...next, lockVersion: sql`${customers.lockVersion} + 1`, updatedBy: actor.id, updatedAt: sql`now()` })
      .where(eq(customers.id, current.id))
      .returning({ lockVersion: customers.lockVersion });
    await writeAudit(tx, {
      actorStaffId: actor.id,
      action: "customer.profile",
      entityType: "customer",
      entityId: current.id,
      customerId: current.id,
      before: Object.fromEntries(changed.map((field) => [field, current[field]])),
      after: Object.fromEntries(changed.map((field) => [field, next[field]])),
      context: input.context,
    });
    return { lockVersion: saved!.lockVersion, changed };
  });
}
