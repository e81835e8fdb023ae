import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { throttlePolicy } from "./authenticate-staff";

export const retentionPolicy = {
  idempotencyKeyDays: 30,
  endedSessionDays: 30,
  /** A finished export's CSV is downloadable this long; it holds customers' payments, so it is not kept for ever. */
  exportJobDays: 7,
} as const;

export interface PurgeCounts {
  idempotencyKeys: number;
  signInThrottle: number;
  rateLimits: number;
  sessions: number;
  securityEvents: number;
  exportJobs: number;
}

/**
 * Deletes what has outlived its use: idempotency keys older than 30 days (a
 * retried confirm arrives within minutes), throttle rows whose delay and
 * window are over, expired rate-limit counters, sessions ended or expired 30
 * days ago, security events past SECURITY_EVENTS_RETENTION_DAYS, and exports
 * finished 7 days ago with their CSV (the audit row of each export stays). The
 * audit log is never purged. Bounded batches keep each statement short; an
 * export's CSV is up to a few hundred chunks, so exports go 20 at a time.
 */
export async function purgeExpired(
  db: DbOrTx,
  options: { securityEventDays: number; nowMs?: number; batch?: number },
): Promise<PurgeCounts> {
  const batch = options.batch ?? 5000;
  const nowMs = options.nowMs ?? Date.now();
  const window = sql.raw(`interval '${throttlePolicy.windowMinutes} minutes'`);
  const count = async (query: ReturnType<typeof sql>) => (await db.execute(query)).count ?? 0;
  return {
    idempotencyKeys: await count(sql`
      delete from idempotency_keys where key in (
        select key from idempotency_keys where created_at < now() - make_interval(days => ${retentionPolicy.idempotencyKeyDays}) limit ${batch})`),
    signInThrottle: await count(sql`
      delete from sign_in_throttle
      where (locked_until is null or locked_until < now())
        and coalesce(last_failure_at, window_started_at) < now() - ${window}`),
    rateLimits: await count(sql`
      delete from rate_limits where key in (select key from rate_limits where expire < ${nowMs} limit ${batch})`),
    sessions: await count(sql`
      delete from staff_sessions where id in (
        select id from staff_sessions
        where coalesce(ended_at, expires_at) < now() - make_interval(days => ${retentionPolicy.endedSessionDays})
        limit ${batch})`),
    securityEvents: await count(sql`
      delete from security_events where id in (
        select id from security_events where occurred_at < now() - make_interval(days => ${options.securityEventDays})
        limit ${batch})`),
    // One statement: the chunks go first, and the job's foreign key is checked at its end.
    exportJobs: await count(sql`
      with old as (
        select id from export_jobs
        where status in ('done', 'failed') and finished_at < now() - make_interval(days => ${retentionPolicy.exportJobDays})
        order by id limit 20),
      chunks as (delete from export_job_chunks where job_id in (select id from old))
      delete from export_jobs where id in (select id from old)`),
  };
}
