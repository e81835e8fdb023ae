import postgres from "postgres";

/**
 * Two database roles: the owner runs migrations and owns every table; the
 * runtime role the app connects as may only read and write rows. It cannot
 * TRUNCATE, run DDL, or disable triggers (that needs ownership), and on
 * audit_log it may only INSERT and SELECT, so the append-only audit log holds
 * even against the app's own connection.
 */

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function quoteRole(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`Refusing unusual role name ${role}`);
  return `"${role}"`;
}

/** The grants for `role`, idempotent; applied by the owner after every migration. */
export function runtimeGrantStatements(role: string): string[] {
  const r = quoteRole(role);
  return [
    // PostgreSQL 15+ already denies CREATE on public to PUBLIC; older servers do not.
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `REVOKE UPDATE, DELETE ON audit_log FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    // drizzle's migration journal is the owner's alone.
    `REVOKE ALL ON SCHEMA drizzle FROM ${r}`,
  ];
}

/** SQL an operator runs once, as a superuser, to create both roles and the database. */
export function roleSetupScript(options: { owner: string; runtime: string; database: string }): string {
  const owner = quoteRole(options.owner);
  const runtime = quoteRole(options.runtime);
  if (!ROLE_NAME.test(options.database)) throw new Error(`Refusing unusual database name ${options.database}`);
  return [
    `-- Run as a superuser (psql). Passwords are asked for, never written here.`,
    `CREATE ROLE ${owner} LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS;`,
    `\\password ${options.owner}`,
    `CREATE ROLE ${runtime} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;`,
    `\\password ${options.runtime}`,
    `CREATE DATABASE ${options.database} OWNER ${owner} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';`,
    `\\connect ${options.database}`,
    `CREATE EXTENSION IF NOT EXISTS pg_trgm;`,
    `CREATE EXTENSION IF NOT EXISTS unaccent;`,
    `-- Then migrate as the owner: DATABASE_OWNER_URL=postgres://${options.owner}:…@host/${options.database}`,
    `-- DATABASE_URL=postgres://${options.runtime}:…@host/${options.database} npm run db:migrate`,
    `-- It applies these grants after every migration (shown for review; npm run db:roles -- --apply reapplies them):`,
    ...runtimeGrantStatements(options.runtime).map((s) => `--   ${s};`),
  ].join("\n");
}

export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** Applies the runtime grants as the owner (`ownerUrl`). */
export async function applyRuntimeGrants(ownerUrl: string, role: string): Promise<void> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      for (const statement of runtimeGrantStatements(role)) await tx.unsafe(statement);
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Creates (or re-passwords) a runtime role on a server we administer: the
 * embedded PostgreSQL of `npm start`, and the throwaway servers of `npm test`.
 */
export async function ensureRuntimeRole(adminUrl: string, role: string, password: string): Promise<void> {
  const r = quoteRole(role);
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql`select 1 from pg_roles where rolname = ${role}`;
    if (!existing) await sql.unsafe(`CREATE ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS`);
    // A password cannot be a bind parameter in ALTER ROLE; the value is ours and quoted.
    await sql.unsafe(`ALTER ROLE ${r} PASSWORD '${password.replace(/'/g, "''")}'`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropRole(adminUrl: string, role: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP ROLE IF EXISTS ${quoteRole(role)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The same server and database as `url`, as another role. */
export function urlAsRole(url: string, role: string, password: string): string {
  const next = new URL(url);
  next.username = encodeURIComponent(role);
  next.password = encodeURIComponent(password);
  return next.toString();
}

export interface RoleCheck {
  role: string;
  superuser: boolean;
  ownsAuditLog: boolean;
  mayRewriteAudit: boolean;
}

/** What the connected role could do to the audit log beyond appending to it. */
export async function checkConnectedRole(sql: postgres.Sql): Promise<RoleCheck> {
  const [row] = await sql<{ role: string; superuser: boolean; owns_audit_log: boolean; may_rewrite_audit: boolean }[]>`
    select current_user as role,
      r.rolsuper or r.rolbypassrls as superuser,
      coalesce(pg_has_role(current_user, c.relowner, 'USAGE'), false) as owns_audit_log,
      coalesce(has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE')
        or has_table_privilege(c.oid, 'TRUNCATE'), false) as may_rewrite_audit
    from pg_roles r
    left join pg_class c on c.oid = to_regclass('public.audit_log')
    where r.rolname = current_user`;
  return {
    role: row!.role,
    superuser: row!.superuser,
    ownsAuditLog: row!.owns_audit_log,
    mayRewriteAudit: row!.may_rewrite_audit,
  };
}

/** Why the app should refuse to run as this role, or null when it is a proper runtime role. */
export function privilegedRoleProblem(check: RoleCheck): string | null {
  if (check.superuser) return `the database role "${check.role}" is a superuser`;
  if (check.ownsAuditLog) return `the database role "${check.role}" owns the tables (it can disable triggers)`;
  if (check.mayRewriteAudit) return `the database role "${check.role}" may update, delete or truncate audit_log`;
  return null;
}
