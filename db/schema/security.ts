import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, text, varchar } from "drizzle-orm/pg-core";
import { createdAt, instant } from "./columns";
import { staff } from "./staff";

/**
 * One row per signed-in browser. The JWT names its row (`sid`); the row, not the
 * token, decides whether the session still holds: idle for too long, past its
 * absolute lifetime, or ended (sign-out, "sign out everywhere", an admin's reset).
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: text().primaryKey(),
    staffId: integer()
      .notNull()
      .references(() => staff.id),
    // The staff row's session version when this session began; a bump ends it.
    sessionVersion: integer().notNull(),
    createdAt: createdAt(),
    lastSeenAt: instant().notNull().defaultNow(),
    expiresAt: instant().notNull(),
    endedAt: instant(),
    endReason: text(),
    // Shown back to the staff member on their sessions page; both truncated.
    userAgent: text(),
    address: text(),
  },
  (t) => [
    index("staff_sessions_staff_open")
      .on(t.staffId, t.createdAt.desc())
      .where(sql`${t.endedAt} is null`),
    index("staff_sessions_last_seen").on(t.lastSeenAt),
    check("staff_sessions_id_shape", sql`char_length(${t.id}) between 20 and 64`),
  ],
);

/**
 * What a security reviewer reads: failed and throttled sign-ins, denials,
 * rate-limit hits, 2FA events, role and password changes. Never a password,
 * token, code or full personal datum: an unknown email is stored masked.
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: instant().notNull().defaultNow(),
    kind: text().notNull(),
    // Whom the event is about (the account signing in, the member whose 2FA was reset).
    staffId: integer().references(() => staff.id),
    // Who did it, when that is someone else (an admin).
    actorStaffId: integer().references(() => staff.id),
    address: text(),
    detail: jsonb().notNull().default({}),
  },
  (t) => [
    index("security_events_occurred").on(t.occurredAt.desc(), t.id.desc()),
    index("security_events_kind").on(t.kind, t.occurredAt.desc()),
    index("security_events_staff").on(t.staffId, t.occurredAt.desc()),
    check("security_events_kind_shape", sql`${t.kind} ~ '^[a-z_]+\\.[a-z_]+$'`),
  ],
);

/** A staff member's TOTP secret, encrypted with a key derived from AUTH_SECRET. */
export const staffTwoFactor = pgTable("staff_two_factor", {
  staffId: integer()
    .primaryKey()
    .references(() => staff.id),
  secretCiphertext: text().notNull(),
  // Null while enrolment waits for the first correct code.
  confirmedAt: instant(),
  // The last accepted time step: a code is never accepted twice.
  lastTimeStep: bigint({ mode: "number" }),
  createdAt: createdAt(),
});

/** Ten one-time codes per enrolment, stored as SHA-256 (they are 50+ random bits each). */
export const staffRecoveryCodes = pgTable(
  "staff_recovery_codes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    staffId: integer()
      .notNull()
      .references(() => staff.id),
    codeHash: text().notNull(),
    usedAt: instant(),
    createdAt: createdAt(),
  },
  (t) => [index("staff_recovery_codes_staff").on(t.staffId)],
);

/**
 * rate-limiter-flexible's RateLimiterPostgres table, in its own layout (key,
 * points, expire in epoch milliseconds). Created here so the runtime role
 * needs no DDL; the library is told the table exists.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: varchar({ length: 255 }).primaryKey(),
    points: integer().notNull().default(0),
    expire: bigint({ mode: "number" }),
  },
  (t) => [index("rate_limits_expire").on(t.expire)],
);
