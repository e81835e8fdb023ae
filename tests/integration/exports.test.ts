import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/db/errors";
import { createExportJob } from "@/db/mutations/create-export-job";
import { runExportJob } from "@/db/mutations/run-export-job";
import { getOwnExportJob, readExportChunks, streamExportCsv } from "@/db/queries/exports";
import { auditLog, exportJobChunks, exportJobs } from "@/db/schema";
import { DAY_MS } from "@/lib/domain/time";
import { testDb } from "../helpers/db";
import { createCustomerWithCard, createPlan, createStaff, isolatedDay, uniqueSuffix } from "../helpers/factories";
import { hkStartOfDay } from "@/lib/domain/time";

const ROWS = 100_000;

describe("streamExportCsv", () => {
  it("streams 100,000 payments in Hong Kong time and major units with flat memory", async () => {
    const { db } = testDb();
    const plan = await createPlan(db);
    const { cardId } = await createCustomerWithCard(db);
    const start = hkStartOfDay(isolatedDay(plan.planId));
    const prefix = `EXP${uniqueSuffix().toUpperCase()}`;
    // One payment a second from 00:00 HKT: 100,000 rows span 27.8 hours of the test's own days.
    await db.execute(sql`
        insert into payments (purpose, card_id, method, reference, amount_minor, currency, received_at)
        select 'top_up', ${cardId}, 'fps', ${prefix} || g, 1000 + (g % 500) * 7, 'HKD', ${start.toISOString()}::timestamptz + g * interval '1 second'
          from generate_series(1, ${ROWS}) g`);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    let lines = 0;
    let bytes = 0;
    let header = "";
    let firstRow = "";
    let afterTenth = 0;
    let total = 0n;
    let chunks = 0;
    for await (const chunk of streamExportCsv(
      "payments",
      { from: start, to: new Date(start.getTime() + 2 * DAY_MS) },
      db,
    )) {
      bytes += chunk.length;
      for (const line of chunk.split("\r\n")) {
        if (!line) continue;
        if (line.startsWith("\uFEFF")) {
          header = line;
          continue;
        }
        firstRow ||= line;
        lines++;
        total += BigInt(line.split(",")[5]!.replace(".", ""));
      }
      // Collect now and then, so RSS shows what is kept, not garbage V8 has not swept yet.
      if (++chunks % 10 === 0) global.gc?.();
      peak = Math.max(peak, process.memoryUsage().rss);
      if (!afterTenth && lines >= ROWS / 10) afterTenth = process.memoryUsage().rss;
    }
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `export of ${lines} payments: ${mb(bytes)} MB of CSV; RSS ${mb(before)} MB before, after 10% ${mb(afterTenth)} MB, peak ${mb(peak)} MB (+${mb(peak - afterTenth)} MB over the last 90%)`,
    );
    expect(lines).toBe(ROWS);
    expect(header.startsWith("\uFEFFpayment_id,received_at_hkt,purpose,method,reference,amount,currency")).toBe(true);
    // The first row: 00:00:01 HKT, 1000 + 1 * 7 minor units = 10.07.
    expect(firstRow).toContain(`,${isolatedDay(plan.planId)} 00:00:01,top_up,fps,${prefix}1,10.07,HKD,`);
    const [sum] = await db.execute<{ total: string }>(
      sql`select sum(amount_minor)::text as total from payments where reference like ${`${prefix}%`}`,
    );
    expect(total).toBe(BigInt(sum!.total));
    // Flat: the last 90% of the rows add (almost) nothing to what the first 10% needed.
    expect(peak - afterTenth).toBeLessThan(25 * 1024 * 1024);
  }, 120_000);
});

describe("background exports", () => {
  it("queues once per key, writes the same CSV as the direct download in chunks with its progress, and only for supervisors", async () => {
    const { db } = testDb();
    const supervisor = await createStaff(db, { role: "supervisor" });
    const agent = await createStaff(db);
    const plan = await createPlan(db);
    const { cardId } = await createCustomerWithCard(db);
    const day = isolatedDay(plan.planId);
    const start = hkStartOfDay(day);
    const prefix = `JOB${uniqueSuffix().toUpperCase()}`;
    await db.execute(sql`
      insert into payments (purpose, card_id, method, reference, amount_minor, currency, received_at)
      select 'top_up', ${cardId}, 'fps', ${prefix} || g, 5000, 'HKD', ${start.toISOString()}::timestamptz + g * interval '1 minute'
        from generate_series(1, 300) g`);
    const range = { from: day, to: day };
    const key = randomUUID();
    await expect(createExportJob({ idempotencyKey: key, kind: "payments", range }, agent, db)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const { jobId } = await createExportJob({ idempotencyKey: key, kind: "payments", range }, supervisor, db);
    expect(await createExportJob({ idempotencyKey: key, kind: "payments", range }, supervisor, db)).toEqual({
      jobId,
      replayed: true,
    });
    // Other suites' queued jobs may be claimed first: run until this one is done.
    for (let round = 0; round < 20; round++) {
      const job = await getOwnExportJob(jobId, supervisor.id, db);
      if (job?.status === "done") break;
      await runExportJob(db);
    }
    const job = await getOwnExportJob(jobId, supervisor.id, db);
    expect(job).toMatchObject({ status: "done", rowsTotal: 300, rowsDone: 300 });
    expect(await getOwnExportJob(jobId, agent.id, db)).toBeNull();
    let stored = "";
    for await (const chunk of readExportChunks(jobId, db)) stored += chunk;
    let direct = "";
    const bounds = { from: start, to: new Date(start.getTime() + DAY_MS) };
    for await (const chunk of streamExportCsv("payments", bounds, db)) direct += chunk;
    expect(stored).toBe(direct);
    expect(stored.split("\r\n").filter(Boolean)).toHaveLength(301);
    const [audit] = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "export_job"), eq(auditLog.entityId, String(jobId))));
    expect(audit).toEqual({ action: "export.create" });
  });

  it("fails a download the retention purge cuts short, instead of ending it early as if whole", async () => {
    const { db } = testDb();
    const supervisor = await createStaff(db, { role: "supervisor" });
    // Finished just now, so the retention test's purge running alongside leaves both alone.
    const finished = {
      staffId: supervisor.id,
      kind: "payments",
      fromDay: "2026-01-01",
      toDay: "2026-01-31",
      status: "done" as const,
      finishedAt: sql`now()`,
    };
    const [purged, whole] = await db.insert(exportJobs).values([finished, finished]).returning({ id: exportJobs.id });
    await db
      .insert(exportJobChunks)
      .values([
        ...[0, 1, 2].map((seq) => ({ jobId: purged!.id, seq, data: `chunk ${seq}\n` })),
        { jobId: whole!.id, seq: 0, data: "only\n" },
      ]);
    const download = readExportChunks(purged!.id, db);
    expect(await download.next()).toEqual({ done: false, value: "chunk 0\n" });
    // Purged as the retention purge does it (one statement, chunks first), for this export alone: the purge
    // itself would race the retention test's rows in the suite running alongside.
    await db.execute(sql`
      with chunks as (delete from export_job_chunks where job_id = ${purged!.id})
      delete from export_jobs where id = ${purged!.id}`);
    await expect(download.next()).rejects.toThrow(`export ${purged!.id} was purged during its download`);

    // An export still there ends normally after its last chunk.
    const chunks = [];
    for await (const chunk of readExportChunks(whole!.id, db)) chunks.push(chunk);
    expect(chunks).toEqual(["only\n"]);
  });
});
