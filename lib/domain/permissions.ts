import type { Role } from "./enums";

export type { Role };

const rank: Record<Role, number> = { agent: 1, supervisor: 2, admin: 3 };

/** Roles are nested: a supervisor may do what an agent may, an admin everything. */
export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

/**
 * Who may do what: the one map that actions, pages, queries and mutations all
 * read (DOMAIN.md, "Staff and roles"). Each entry names the least role that may.
 * A hidden button is a convenience; these checks are the control.
 */
export const permissions = {
  lookUpCustomers: "agent",
  renewCard: "agent",
  retryActivation: "agent",
  viewActivationQueue: "agent",
  seeStuckActivations: "supervisor",
  resendNotification: "agent",
  sendExpiryReminders: "agent",
  viewReports: "agent",
  // Card lifecycle (DOMAIN.md, "Card lifecycle beyond renewal"); which reason needs which: lib/domain/card-lifecycle.ts.
  suspendCard: "agent",
  liftSuspension: "agent",
  replaceCard: "agent",
  issueNewCard: "agent",
  suspendForFraud: "supervisor",
  liftFraudSuspension: "supervisor",
  recordCarrierSuspension: "supervisor",
  waiveReplacementFee: "supervisor",
  topUpStoredValue: "agent",
  editCustomerProfile: "agent",
  editRealName: "agent",
  logContact: "agent",
  voidRenewal: "supervisor",
  grantGoodwill: "supervisor",
  correctStoredValue: "supervisor",
  seeRevenue: "supervisor",
  // Money at the end of the day (DOMAIN.md): agents run their own drawer; supervisors reconcile and sign off.
  runCashDrawer: "agent",
  superviseCashDrawers: "supervisor",
  reconcileSettlements: "supervisor",
  exportMoney: "supervisor",
  manageCatalog: "admin",
  manageStaff: "admin",
  viewSecurityLog: "admin",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof permissions;

export function allows(role: Role, permission: Permission): boolean {
  return hasRole(role, permissions[permission]);
}

/** `may.voidRenewal(staff)`: reads as the rule it checks. */
export const may = Object.fromEntries(
  (Object.keys(permissions) as Permission[]).map((permission) => [
    permission,
    (who: { role: Role }) => allows(who.role, permission),
  ]),
) as Record<Permission, (who: { role: Role }) => boolean>;
