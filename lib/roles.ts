import type { staffRoles } from "@/db/schema/staff";

export type Role = (typeof staffRoles)[number];

const rank: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** Roles are nested: a supervisor may do what an agent may, an admin everything. */
export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}
