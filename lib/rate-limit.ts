import type postgres from "postgres";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { recordSecurityEvent } from "@/db/mutations/_shared/record-security-event";

export const rateLimitKinds = ["suggestions", "searches", "exports"] as const;
export type RateLimitKind = (typeof rateLimitKinds)[number];

export type RateLimits = Record<RateLimitKind, { points: number; seconds: number }>;

export function configuredRateLimits(config: {
  RATE_LIMIT_SUGGESTIONS_PER_MINUTE: number;
  RATE_LIMIT_SEARCHES_PER_MINUTE: number;
  RATE_LIMIT_EXPORTS_PER_HOUR: number;
}): RateLimits {
  return {
    suggestions: { points: config.RATE_LIMIT_SUGGESTIONS_PER_MINUTE, seconds: 60 },
    searches: { points: config.RATE_LIMIT_SEARCHES_PER_MINUTE, seconds: 60 },
    exports: { points: config.RATE_LIMIT_EXPORTS_PER_HOUR, seconds: 3600 },
  };
}

/**
 * rate-limiter-flexible speaks node-postgres' `query({ text, values })`; this
 * is that shape over the app's own postgres.js pool, so no second driver.
 */
const clientOf = (db: Db) => (db as unknown as { $client: postgres.Sql }).$client;

function storeClient(db: Db) {
  const sql = clientOf(db);
  return {
    query: async ({ text, values }: { text: string; values?: unknown[] }) => {
      const rows = await sql.unsafe(text, (values ?? []) as never[]);
      return { rows, rowCount: rows.count };
    },
  };
}

const limiters = new WeakMap<object, Map<string, RateLimiterPostgres>>();

function limiter(db: Db, kind: RateLimitKind, limit: { points: number; seconds: number }): RateLimiterPostgres {
  const client = clientOf(db) as unknown as object;
  let byKind = limiters.get(client);
  if (!byKind) limiters.set(client, (byKind = new Map()));
  const id = `${kind}:${limit.points}/${limit.seconds}`;
  let found = byKind.get(id);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: storeClient(db),
      storeType: "client",
      tableName: "rate_limits",
      // The table comes from a migration (the runtime role has no DDL), and
      // the retention worker purges expired rows, not a timer in every process.
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: kind,
      points: limit.points,
      duration: limit.seconds,
    });
    byKind.set(id, found);
  }
  return found;
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Spends one request of `kind` for a staff member; the counters live in
 * PostgreSQL, so every instance shares them. The first refusal in a window
 * is a security event (not every one, or a scraper would flood the log).
 */
export async function consumeRateLimit(
  db: Db,
  kind: RateLimitKind,
  staffId: number,
  limits: RateLimits,
  context: { address?: string } = {},
): Promise<RateLimitResult> {
  const limit = limits[kind];
  try {
    await limiter(db, kind, limit).consume(String(staffId), 1);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    if (error.consumedPoints === limit.points + 1) {
      await recordSecurityEvent(db, {
        kind: "rate_limit.hit",
        staffId,
        address: context.address ?? null,
        detail: { limit: kind, points: limit.points, perSeconds: limit.seconds },
      });
    }
    return { ok: false, retryAfterSeconds };
  }
}
