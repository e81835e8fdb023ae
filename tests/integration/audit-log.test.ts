import { describe, expect, it } from "vitest";
import { testDb } from "../helpers/db";
import { createStaff } from "../helpers/factories";

describe("audit log", () => {
  it("accepts inserts and refuses UPDATE, DELETE and TRUNCATE", async () => {
    const { db, sql } = testDb();
    const actor = await createStaff(db);
    const [entry] = await sql`insert into audit_log (actor_staff_id, action, entity_type, entity_id, before, after)
      values (${actor.id}, 'test.write', 'test', '1', '{"a":1}', '{"a":2}') returning id`;
    await expect(sql`update audit_log set action = 'tampered' where id = ${entry!.id}`).rejects.toThrow(/not allowed/);
    await expect(sql`delete from audit_log where id = ${entry!.id}`).rejects.toThrow(/not allowed/);
    await expect(sql`truncate audit_log`).rejects.toThrow(/not allowed/);
    const [after] = await sql`select action from audit_log where id = ${entry!.id}`;
    expect(after?.action).toBe("test.write");
  });

  it("keeps plan versions immutable", async () => {
    const { sql } = testDb();
    const [plan] =
      await sql`insert into plans (code, name_en, name_zh, name_zh_hant) values (${`T-${Date.now()}`}, 'Test', '测试', '測試') returning id`;
    const [version] =
      await sql`insert into plan_versions (plan_id, version, validity_days, data_cn_mb, data_hk_mb, price_hkd_minor, price_cny_minor)
      values (${plan!.id}, 1, 30, 1024, 1024, 100, 90) returning id`;
    await expect(sql`update plan_versions set price_hkd_minor = 1 where id = ${version!.id}`).rejects.toThrow(
      /not allowed/,
    );
  });

  it("refuses money and day counts that break the rules", async () => {
    const { sql } = testDb();
    const [plan] =
      await sql`insert into plans (code, name_en, name_zh, name_zh_hant) values (${`T-${Date.now()}-2`}, 'Test', '测试', '測試') returning id`;
    await expect(sql`insert into plan_versions (plan_id, version, validity_days, data_cn_mb, data_hk_mb, price_hkd_minor, price_cny_minor)
      values (${plan!.id}, 1, 30, 1024, 1024, 0, 90)`).rejects.toThrow(/plan_versions_prices_positive/);
    await expect(sql`insert into plan_versions (plan_id, version, validity_days, data_cn_mb, data_hk_mb, price_hkd_minor, price_cny_minor)
      values (${plan!.id}, 1, 731, 1024, 1024, 100, 90)`).rejects.toThrow(/plan_versions_days_range/);
  });
});
