import { bigint, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { staff } from "./staff";

/** Insert-only: triggers refuse UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorStaffId: integer().references(() => staff.id),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_entity").on(t.entityType, t.entityId, t.id.desc()),
    index("audit_log_actor").on(t.actorStaffId, t.id.desc()),
  ],
);
