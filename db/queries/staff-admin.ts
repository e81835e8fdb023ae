import { and, asc, eq, gt, ilike, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "@/db";
import type { Role } from "@/lib/domain/permissions";
import type { StaffStateFilter } from "@/lib/validation/staff";
import { staff } from "../schema";
import { containsPattern } from "@/db/queries/_shared/like";

export const STAFF_PAGE_SIZE = 50;

// Never the password hash or the session version: these reads feed pages.
const staffColumns = {
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  disabledAt: staff.disabledAt,
  lastSignInAt: staff.lastSignInAt,
  createdAt: staff.createdAt,
};

/** The team by name, a page at a time (keyset on name, id); the table is small, so search is a plain ILIKE. */
export async function listStaff(
  params: { q: string; role?: Role; state: StaffStateFilter; after: { name: string; id: number } | null },
  db: DbOrTx = defaultDb,
) {
  const filters: (SQL | undefined)[] = [
    params.q
      ? or(ilike(staff.name, containsPattern(params.q)), ilike(staff.email, containsPattern(params.q)))
      : undefined,
    params.role ? eq(staff.role, params.role) : undefined,
    params.state === "active"
      ? isNull(staff.disabledAt)
      : params.state === "disabled"
        ? isNotNull(staff.disabledAt)
        : undefined,
    params.after
      ? or(gt(staff.name, params.after.name), and(eq(staff.name, params.after.name), gt(staff.id, params.after.id)))
      : undefined,
  ];
  const rows = await db
    .select(staffColumns)
    .from(staff)
    .where(and(...filters))
    .orderBy(asc(staff.name), asc(staff.id))
    .limit(STAFF_PAGE_SIZE + 1);
  return { items: rows.slice(0, STAFF_PAGE_SIZE), hasMore: rows.length > STAFF_PAGE_SIZE };
}

export async function getStaffMember(staffId: number, db: DbOrTx = defaultDb) {
  const [row] = await db.select(staffColumns).from(staff).where(eq(staff.id, staffId)).limit(1);
  return row ?? null;
}
