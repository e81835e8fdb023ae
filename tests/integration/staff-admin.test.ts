import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { ConflictError, NotFoundError, PreconditionError } from "@/db/errors";
import { accountThrottleKey, authenticateStaff, throttlePolicy } from "@/db/mutations/authenticate-staff";
import { changeStaffRole } from "@/db/mutations/change-staff-role";
import { auditTrail } from "../helpers/audit-trail";
import { createStaff as createStaffAccount } from "@/db/mutations/create-staff";
import { resetStaffPassword } from "@/db/mutations/reset-staff-password";
import { setStaffDisabled } from "@/db/mutations/set-staff-disabled";
import { getSessionStaff } from "@/db/queries/staff";
import { listEntityActivity } from "@/db/queries/audit-trail";
import { getStaffMember, listStaff, STAFF_PAGE_SIZE } from "@/db/queries/staff-admin";
import { auditLog, signInThrottle, staff } from "@/db/schema";
import { testDb, withFreshDatabase } from "../helpers/db";
import { FACTORY_PASSWORD, createStaff, uniqueSuffix } from "../helpers/factories";
import { raceAtAudit } from "../helpers/race";

const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${uniqueSuffix()}`;

async function row(db: Db, id: number) {
  const [found] = await db.select().from(staff).where(eq(staff.id, id));
  return found!;
}

const auditFor = (db: Db, id: number) => auditTrail(db, "staff", id);

/** Last-admin rules look at every admin in the database, so those tests get a database of their own. */
async function withOwnDatabase(work: (db: Db, url: string) => Promise<void>) {
  await withFreshDatabase(
    async (url) => {
      const client = createDb(url, { max: 4 });
      try {
        await work(client.db, url);
      } finally {
        await client.close();
      }
    },
    { migrate: true },
  );
}

describe("createStaff", () => {
  it("creates an account with a generated password that signs in, and never audits the password", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin" });
    const email = `new-${uniqueSuffix()}@example.test`;
    const result = await createStaffAccount({ email, name: "New Agent", role: "agent", password: null }, actor.id, db);

    expect(result.generatedPassword).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const signIn = await authenticateStaff({ email, password: result.generatedPassword!, address: address() }, db);
    expect(signIn).toMatchObject({ ok: true, staff: { id: result.staffId, role: "agent" } });
    const audit = await auditFor(db, result.staffId);
    expect(audit).toEqual([
      {
        action: "staff.create",
        actor: actor.id,
        before: null,
        after: { email, name: "New Agent", role: "agent", password: "generated" },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(result.generatedPassword!);
  });

  it("takes the admin's own password and returns none", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin" });
    const email = `set-${uniqueSuffix()}@example.test`;
    const result = await createStaffAccount(
      { email, name: "Set Password", role: "supervisor", password: "chosen-by-the-admin" },
      actor.id,
      db,
    );
    expect(result.generatedPassword).toBeNull();
    expect((await authenticateStaff({ email, password: "chosen-by-the-admin", address: address() }, db)).ok).toBe(true);
  });

  it("refuses an email already in use, on the email field, and writes nothing", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin" });
    const existing = await createStaff(db);
    const refusal = await createStaffAccount(
      { email: existing.email, name: "Dup", role: "admin", password: null },
      actor.id,
      db,
    ).catch((e) => e);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal).toMatchObject({ code: "staff.errors.emailTaken", field: "email" });
    expect(await db.select({ id: staff.id }).from(staff).where(eq(staff.email, existing.email))).toHaveLength(1);
    expect(await db.select().from(auditLog).where(eq(auditLog.actorStaffId, actor.id))).toEqual([]);
  });
});

describe("role change, disable and password reset", () => {
  it("changes a role, ends the person's open sessions, and audits before and after", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin" });
    const member = await createStaff(db, { role: "agent" });
    expect(await getSessionStaff(member.id, 1, db)).not.toBeNull();

    expect(await changeStaffRole({ staffId: member.id, role: "supervisor" }, actor.id, db)).toEqual({ changed: true });
    expect(await getSessionStaff(member.id, 1, db)).toBeNull();
    expect(await getSessionStaff(member.id, 2, db)).toMatchObject({ role: "supervisor" });
    expect(await auditFor(db, member.id)).toEqual([
      {
        action: "staff.role_change",
        actor: actor.id,
        before: { role: "agent", sessionVersion: 1 },
        after: { role: "supervisor", sessionVersion: 2 },
      },
    ]);
  });

  it("leaves everything alone when the role is already the one asked for", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin" });
    const member = await createStaff(db, { role: "agent" });
    const before = await row(db, member.id);
    expect(await changeStaffRole({ staffId: member.id, role: "agent" }, actor.id, db)).toEqual({ changed: false });
    expect(await row(db, member.id)).toEqual(before);
    expect(await auditFor(db, member.id)).toEqual([]);
  });

  it("refuses a disabled member's session at once, and re-enabling does not revive it", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin" });
    const member = await createStaff(db);

    await setStaffDisabled({ staffId: member.id, disabled: true }, actor.id, db);
    expect(await getSessionStaff(member.id, 1, db)).toBeNull();
    expect(await getSessionStaff(member.id, 2, db)).toBeNull();
    expect(
      (await authenticateStaff({ email: member.email, password: FACTORY_PASSWORD, address: address() }, db)).ok,
    ).toBe(false);

    await setStaffDisabled({ staffId: member.id, disabled: false }, actor.id, db);
    expect(await getSessionStaff(member.id, 1, db)).toBeNull();
    expect(await getSessionStaff(member.id, 2, db)).not.toBeNull();

    const audit = await auditFor(db, member.id);
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ["staff.disable", { disabledAt: null, sessionVersion: 1 }, { disabledAt: expect.any(String), sessionVersion: 2 }],
      ["staff.enable", { disabledAt: expect.any(String), sessionVersion: 2 }, { disabledAt: null, sessionVersion: 2 }],
    ]);
  });

  it("resets a password: the new one works, the old one and old sessions do not, and a sign-in lock is lifted", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin" });
    const member = await createStaff(db);
    for (let i = 0; i < throttlePolicy.accountLimit; i++) {
      await authenticateStaff({ email: member.email, password: `wrong-${i}`, address: address() }, db);
    }
    expect(
      await db
        .select()
        .from(signInThrottle)
        .where(eq(signInThrottle.key, accountThrottleKey(member.email))),
    ).toHaveLength(1);

    const { generatedPassword } = await resetStaffPassword({ staffId: member.id, password: null }, actor.id, db);
    expect(generatedPassword).toBeTruthy();
    expect(await getSessionStaff(member.id, 1, db)).toBeNull();
    expect(
      (await authenticateStaff({ email: member.email, password: FACTORY_PASSWORD, address: address() }, db)).ok,
    ).toBe(false);
    expect(
      (await authenticateStaff({ email: member.email, password: generatedPassword!, address: address() }, db)).ok,
    ).toBe(true);
    const audit = await auditFor(db, member.id);
    expect(audit).toEqual([
      {
        action: "staff.password_reset",
        actor: actor.id,
        before: { sessionVersion: 1 },
        after: { sessionVersion: 2, password: "generated" },
      },
    ]);
  });

  it("refuses an unknown staff member", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin" });
    await expect(changeStaffRole({ staffId: 2_000_000_000, role: "agent" }, actor.id, db)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(setStaffDisabled({ staffId: 2_000_000_000, disabled: true }, actor.id, db)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(resetStaffPassword({ staffId: 2_000_000_000, password: null }, actor.id, db)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or disabled, even by themselves, and the refusal writes nothing", async () => {
    await withOwnDatabase(async (db) => {
      const only = await createStaff(db, { role: "admin" });
      await createStaff(db, { role: "admin", disabled: true });
      const before = await row(db, only.id);

      await expect(changeStaffRole({ staffId: only.id, role: "supervisor" }, only.id, db)).rejects.toMatchObject({
        code: "staff.errors.lastAdmin",
        field: "role",
      });
      await expect(setStaffDisabled({ staffId: only.id, disabled: true }, only.id, db)).rejects.toBeInstanceOf(
        PreconditionError,
      );
      expect(await row(db, only.id)).toEqual(before);
      expect(await db.select().from(auditLog)).toEqual([]);

      // With a second active admin, either may step down.
      const second = await createStaff(db, { role: "admin" });
      await changeStaffRole({ staffId: only.id, role: "agent" }, second.id, db);
      expect((await row(db, only.id)).role).toBe("agent");
    });
  });

  it("survives two admins demoting each other at the same moment: exactly one succeeds", async () => {
    await withOwnDatabase(async (db, url) => {
      const a = await createStaff(db, { role: "admin" });
      const b = await createStaff(db, { role: "admin" });
      const results = await raceAtAudit(url, [
        (raceDb) => changeStaffRole({ staffId: a.id, role: "agent" }, b.id, raceDb),
        (raceDb) => changeStaffRole({ staffId: b.id, role: "agent" }, a.id, raceDb),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const admins = await db.select({ id: staff.id }).from(staff).where(eq(staff.role, "admin"));
      expect(admins).toHaveLength(1);
    });
  });

  it("survives a demotion and a disable racing each other", async () => {
    await withOwnDatabase(async (db, url) => {
      const a = await createStaff(db, { role: "admin" });
      const b = await createStaff(db, { role: "admin" });
      const results = await raceAtAudit(url, [
        (raceDb) => setStaffDisabled({ staffId: a.id, disabled: true }, b.id, raceDb),
        (raceDb) => changeStaffRole({ staffId: b.id, role: "supervisor" }, a.id, raceDb),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const active = (await db.select().from(staff)).filter((s) => s.role === "admin" && s.disabledAt === null);
      expect(active).toHaveLength(1);
    });
  });
});

describe("staff reads", () => {
  it("filters by role, state and search, a page at a time by name, without the password hash", async () => {
    const { db } = testDb();
    const tag = uniqueSuffix();
    const members = [];
    for (let i = 0; i < STAFF_PAGE_SIZE + 2; i++) {
      members.push(
        await createStaff(db, {
          name: `Pager ${tag} ${String(i).padStart(3, "0")}`,
          role: i % 2 ? "agent" : "supervisor",
          disabled: i === 3,
        }),
      );
    }
    const first = await listStaff({ q: `pager ${tag}`, state: "all", after: null }, db);
    expect(first.items).toHaveLength(STAFF_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(Object.keys(first.items[0]!)).not.toContain("passwordHash");
    const last = first.items.at(-1)!;
    const second = await listStaff({ q: `pager ${tag}`, state: "all", after: { name: last.name, id: last.id } }, db);
    expect(second).toMatchObject({ hasMore: false });
    expect([...first.items, ...second.items].map((s) => s.id)).toEqual(members.map((m) => m.id));

    expect((await listStaff({ q: tag, role: "agent", state: "all", after: null }, db)).items).toHaveLength(
      (STAFF_PAGE_SIZE + 2) / 2,
    );
    expect((await listStaff({ q: tag, state: "disabled", after: null }, db)).items.map((s) => s.id)).toEqual([
      members[3]!.id,
    ]);
    expect(
      (await listStaff({ q: members[5]!.email, state: "active", after: null }, db)).items.map((s) => s.id),
    ).toEqual([members[5]!.id]);
  });

  it("reads one member and their account's history", async () => {
    const { db } = testDb();
    const actor = await createStaff(db, { role: "admin", name: `History Admin ${uniqueSuffix()}` });
    const member = await createStaff(db);
    await changeStaffRole({ staffId: member.id, role: "supervisor" }, actor.id, db);
    expect(await getStaffMember(member.id, db)).toMatchObject({
      id: member.id,
      role: "supervisor",
      disabledAt: null,
      lastSignInAt: null,
    });
    expect(
      (await listEntityActivity({ type: "staff", id: member.id }, db)).map((a) => [a.action, a.actorName]),
    ).toEqual([["staff.role_change", expect.stringContaining("History Admin")]]);
  });
});
