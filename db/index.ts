import "server-only";
import { env } from "@/lib/env";
import { createDb, type Db, type DbClient } from "./client";

export type { Db, DbOrTx, Tx } from "./client";

// One pool per server process, created on first use (so `next build` needs no
// database); dev reloads reuse it instead of opening a new pool each time.
const globalForDb = globalThis as unknown as { renewalDeskDb?: DbClient; renewalDeskReadDb?: DbClient };

function client(): DbClient {
  globalForDb.renewalDeskDb ??= createDb(env().DATABASE_URL, { max: env().DB_POOL_MAX });
  return globalForDb.renewalDeskDb;
}

export const db: Db = new Proxy({} as Db, {
  get: (_target, property) => Reflect.get(client().db, property, client().db),
});

function readClient(): DbClient {
  const url = env().DATABASE_READ_URL;
  if (!url) return client();
  globalForDb.renewalDeskReadDb ??= createDb(url, { max: env().DB_POOL_MAX, applicationName: "renewal-desk-read" });
  return globalForDb.renewalDeskReadDb;
}

/**
 * Where reports and search read: DATABASE_READ_URL's replica when set (so
 * reporting load stays off the primary), otherwise the primary itself. A
 * replica lags by its replication delay, which a report or a list of search
 * results can bear; the card page, a renewal's checks and every write use `db`.
 */
export const readDb: Db = new Proxy({} as Db, {
  get: (_target, property) => Reflect.get(readClient().db, property, readClient().db),
});
