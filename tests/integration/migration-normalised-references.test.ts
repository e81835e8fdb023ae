import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, migrateDatabase } from "@/db/migrate";
import { withFreshDatabase } from "../helpers/db";

const TAG = "normalised-references-validity-never-back";

/** The migrations before the one that normalises references, as a folder of their own. */
function migrationsBefore(tag: string): { folder: string; remove: () => void } {
  const folder = mkdtempSync(path.join(tmpdir(), "rd-migrations-"));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag.endsWith(tag));
  if (index < 0) throw new Error(`no migration tagged ${tag}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

describe("the migration to normalised payment references", () => {
  it("normalises old references, and records and reports the ones that collide instead of failing silently", async () => {
    await withFreshDatabase(async (url) => {
      const before = migrationsBefore(TAG);
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await migrateDatabase(url, { migrationsFolder: before.folder });
        const [renewal] = await sql<{ renewalId: number }[]>`
          with c as (insert into customers (name_en) values ('Old Data') returning id),
            card as (insert into cards (customer_id, iccid, validity_end) select id, '89852090000000000018', now() + interval '10 days' from c returning id),
            pl as (insert into plans (code, name_en, name_zh, name_zh_hant) values ('OLD-1', 'Old', '旧', '舊') returning id),
            v as (insert into plan_versions (plan_id, version, validity_days, data_cn_mb, data_hk_mb, price_hkd_minor, price_cny_minor) select id, 1, 30, 1024, 1024, 9800, 8800 from pl returning id)
          insert into renewals (card_id, plan_version_id, channel, card_state, extension_mode, previous_validity_end, new_validity_end, price_minor, currency, sms_language)
          select card.id, v.id, 'self_service', 'active', 'stack', now(), now() + interval '30 days', 9800, 'HKD', 'en' from card, v
          returning id as "renewalId"`;
        const renewalId = renewal!.renewalId;
        const typed = [
          ["fps", "frn1066040003"],
          ["fps", "FRN1066040003"],
          ["fps", "FRN-1066 040003"],
          ["wechat_pay", "4200 0106 6040 001"],
          ["alipay", "frn1066040003"],
        ] as const;
        const ids: number[] = [];
        for (const [method, reference] of typed) {
          const [row] = await sql<{ id: number }[]>`
            insert into payments (renewal_id, method, reference, amount_minor, currency)
            values (${renewalId}, ${method}, ${reference}, 9800, 'HKD') returning id`;
          ids.push(row!.id);
        }

        const warnings: string[] = [];
        await migrateDatabase(url, { report: (w) => warnings.push(w) });

        const rows = await sql<{ id: number; reference: string }[]>`
          select id, reference from payments where id in ${sql(ids)} order by id`;
        expect(rows.map((r) => r.reference)).toEqual([
          "frn1066040003", // collides with the already normalised FPS one: kept as typed
          "FRN1066040003",
          "FRN-1066 040003",
          "420001066040001",
          "FRN1066040003", // another method: no collision
        ]);
        const collisions = await sql`
          select payment_id, method, typed_reference, normalised_reference, kept_payment_id
          from payment_reference_collisions order by payment_id`;
        expect(collisions).toEqual([
          {
            payment_id: ids[0],
            method: "fps",
            typed_reference: "frn1066040003",
            normalised_reference: "FRN1066040003",
            kept_payment_id: ids[1],
          },
          {
            payment_id: ids[2],
            method: "fps",
            typed_reference: "FRN-1066 040003",
            normalised_reference: "FRN1066040003",
            kept_payment_id: ids[1],
          },
        ]);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain(`payment ${ids[0]} (fps frn1066040003) duplicates payment ${ids[1]}`);
        expect(warnings[0]).toContain(`payment ${ids[2]} (fps FRN-1066 040003) duplicates payment ${ids[1]}`);

        // From now on the database holds only the normalised form.
        await expect(
          sql`insert into payments (renewal_id, method, reference, amount_minor, currency) values (${renewalId}, 'fps', 'frn-9', 9800, 'HKD')`,
        ).rejects.toThrow(/payments_reference_normalised/);
      } finally {
        await sql.end();
        before.remove();
      }
    });
  });
});
