import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyRuntimeGrants,
  checkConnectedRole,
  dropRole,
  ensureRuntimeRole,
  privilegedRoleProblem,
  urlAsRole,
} from "@/db/roles";
import { withFreshDatabase } from "../helpers/db";

const server = process.env.TEST_SERVER_URL!;

/** A migrated database with a runtime role granted as `npm start` grants it; `work` gets both connections. */
async function withRuntimeRole(work: (owner: postgres.Sql, runtime: postgres.Sql) => Promise<void>) {
  const role = `rd_rt_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await ensureRuntimeRole(server, role, password);
  try {
    await withFreshDatabase(
      async (url) => {
        await applyRuntimeGrants(url, role);
        const owner = postgres(url, { max: 1, onnotice: () => {} });
        const runtime = postgres(urlAsRole(url, role, password), { max: 1, onnotice: () => {} });
        try {
          await work(owner, runtime);
        } finally {
          await runtime.end();
          await owner.end();
        }
      },
      { migrate: true },
    );
  } finally {
    await dropRole(server, role);
  }
}

// 42501 insufficient_privilege: the grant refuses, before any trigger could.
const denied = { code: "42501" };

describe("the runtime database role", () => {
  let checks: {
    runtime: Awaited<ReturnType<typeof checkConnectedRole>>;
    owner: Awaited<ReturnType<typeof checkConnectedRole>>;
  };
  const attempts: Record<string, unknown> = {};

  beforeAll(async () => {
    await withRuntimeRole(async (owner, runtime) => {
      const [staff] = await runtime`insert into staff (email, name, password_hash, role)
        values ('rt@example.test', 'Runtime', 'x', 'agent') returning id`;
      const [entry] = await runtime`insert into audit_log (actor_staff_id, action, entity_type, entity_id)
        values (${staff!.id}, 'test.write', 'test', '1') returning id`;
      attempts.selectAudit = (await runtime`select action from audit_log where id = ${entry!.id}`)[0]?.action;
      const attempt = async (name: string, query: () => Promise<unknown>) => {
        try {
          await query();
          attempts[name] = "succeeded";
        } catch (error) {
          attempts[name] = { code: (error as { code?: string }).code };
        }
      };
      await attempt("updateAudit", () => runtime`update audit_log set action = 'tampered' where id = ${entry!.id}`);
      await attempt("deleteAudit", () => runtime`delete from audit_log where id = ${entry!.id}`);
      await attempt("truncateAudit", () => runtime`truncate audit_log`);
      await attempt("disableTriggers", () => runtime`alter table audit_log disable trigger user`);
      await attempt("dropTrigger", () => runtime`drop trigger audit_log_no_update on audit_log`);
      await attempt("truncateStaff", () => runtime`truncate staff cascade`);
      await attempt("createTable", () => runtime`create table rt_scratch (id int)`);
      await attempt("alterStaff", () => runtime`alter table staff add column rt int`);
      await attempt("migrationJournal", () => runtime`select * from drizzle.__drizzle_migrations`);
      await attempt("updateStaff", () => runtime`update staff set name = 'Renamed' where id = ${staff!.id}`);
      await attempt("deleteStaffRow", () => runtime`delete from sign_in_throttle where key = 'none'`);
      attempts.auditAfter = (await owner`select action from audit_log where id = ${entry!.id}`)[0]?.action;
      checks = { runtime: await checkConnectedRole(runtime), owner: await checkConnectedRole(owner) };
    });
  }, 120_000);

  afterAll(() => {});

  it("reads and appends to audit_log", () => {
    expect(attempts.selectAudit).toBe("test.write");
  });

  it("cannot update, delete or truncate audit_log, nor disable or drop its triggers", () => {
    expect(attempts.updateAudit).toEqual(denied);
    expect(attempts.deleteAudit).toEqual(denied);
    expect(attempts.truncateAudit).toEqual(denied);
    expect(attempts.disableTriggers).toEqual(denied);
    expect(attempts.dropTrigger).toEqual(denied);
    expect(attempts.auditAfter).toBe("test.write");
  });

  it("runs no DDL and no TRUNCATE anywhere, and cannot read the migration journal", () => {
    expect(attempts.truncateStaff).toEqual(denied);
    expect(attempts.createTable).toEqual(denied);
    expect(attempts.alterStaff).toEqual(denied);
    expect(attempts.migrationJournal).toEqual(denied);
  });

  it("keeps ordinary DML on the other tables", () => {
    expect(attempts.updateStaff).toBe("succeeded");
    expect(attempts.deleteStaffRow).toBe("succeeded");
  });

  it("passes the start-up check, which refuses the owner", () => {
    expect(privilegedRoleProblem(checks.runtime)).toBeNull();
    expect(checks.runtime).toMatchObject({ superuser: false, ownsAuditLog: false, mayRewriteAudit: false });
    // The tests' server role migrates, so it owns the tables (and on CI it is also a superuser).
    expect(privilegedRoleProblem(checks.owner)).toMatch(/superuser|owns the tables/);
  });
});
