import "server-only";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { db } from "@/db";
import { getSessionStaff } from "@/db/queries/staff";
import { allows, type Permission, type Role } from "@/lib/domain/permissions";

export interface StaffSession {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in staff member, re-read from the database on every request: a
 * disabled account or a bumped session version ends the session here, even
 * though the JWT is still within its 8 hours.
 */
export const getStaff = cache(async (): Promise<StaffSession | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!session || !Number.isSafeInteger(id) || id <= 0) return null;
  return getSessionStaff(id, session.sessionVersion, db);
});

/** For pages and data reads: the signed-in staff member who holds `permission`, or a redirect / 403. */
export async function requireStaff(options: { permission?: Permission } = {}): Promise<StaffSession> {
  const current = await getStaff();
  if (!current) {
    const path = (await headers()).get("x-pathname");
    const target = path && path.startsWith("/") && !path.startsWith("//") ? path : "/customers";
    redirect(`/login?reason=signed-out&callbackUrl=${encodeURIComponent(target)}`);
  }
  if (options.permission && !allows(current.role, options.permission)) forbidden();
  return current;
}
