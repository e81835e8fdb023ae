import { setTimeout as sleep } from "node:timers/promises";
import { createDb, type Db } from "@/db/client";
import { uniqueSuffix } from "./factories";

/**
 * Runs the contenders truly at once: another connection holds a lock on
 * audit_log, so each contender gets through its reads and stops at its audit
 * insert (or at a row lock another contender holds) before any of them can
 * commit. Without that, the first often finishes before the second starts and
 * a missing lock goes unnoticed.
 */
export async function raceAtAudit<T>(
  url: string,
  contenders: ((db: Db) => Promise<T>)[],
): Promise<PromiseSettledResult<T>[]> {
  const applicationName = `race-${uniqueSuffix()}`;
  const client = createDb(url, { max: contenders.length + 2, applicationName });
  try {
    let results: Promise<PromiseSettledResult<T>[]> | undefined;
    await client.sql.begin(async (blocker) => {
      await blocker`lock table audit_log in share row exclusive mode`;
      results = Promise.allSettled(contenders.map((run) => run(client.db)));
      for (let attempt = 0; ; attempt++) {
        const [row] = await client.sql<{ waiting: number }[]>`
          select count(*)::int as waiting from pg_stat_activity where application_name = ${applicationName} and wait_event_type = 'Lock'`;
        if (row!.waiting >= contenders.length) break;
        if (attempt > 1000) throw new Error("the contenders never met");
        await sleep(5);
      }
    });
    return await results!;
  } finally {
    await client.close();
  }
}
