import { sql } from "drizzle-orm";
import { check, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, instant, updatedAt } from "./columns";
import { staffRoles } from "@/lib/domain/enums";

export const staffRole = pgEnum("staff_role", staffRoles);

export const staff = pgTable(
  "staff",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: staffRole().notNull(),
    disabledAt: instant(),
    // Bumped on role change, disable and password reset; a session minted with
    // an older value is refused at its next request.
    sessionVersion: integer().notNull().default(1),
    lastSignInAt: instant(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("staff_email_key").on(t.email),
    check("staff_email_normalised", sql`${t.email} = lower(btrim(${t.email})) and position('@' in ${t.email}) > 1`),
    check("staff_name_present", sql`char_length(btrim(${t.name})) between 1 and 120`),
    check("staff_session_version_positive", sql`${t.sessionVersion} > 0`),
  ],
);

/**
 * Failed sign-ins per key (an account from unknown devices, an account from its
 * known devices, an address), shared by every app instance. `lockedUntil` is
 * the progressive delay: no attempt is checked before it.
 */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    key: text().primaryKey(),
    failures: integer().notNull().default(0),
    windowStartedAt: instant().notNull().defaultNow(),
    lockedUntil: instant(),
    lastFailureAt: instant(),
  },
  (t) => [check("sign_in_throttle_failures_nonnegative", sql`${t.failures} >= 0`)],
);
