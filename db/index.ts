import "server-only";
import { env } from "@/lib/env";
import { createDb, type Db, type DbClient } from "./client";

export type { Db, DbOrTx, Tx } from "./client";

// One pool per server process, created on first use (so `next build` needs no
// database); dev reloads reuse it instead of opening a new pool each time.
const globalForDb = globalThis as unknown as { renewalDeskDb?: DbClient };

function client(): DbClient {
  globalForDb.renewalDeskDb ??= createDb(env().DATABASE_URL, { max: env().DB_POOL_MAX });
  return globalForDb.renewalDeskDb;
}

export const db: Db = new Proxy({} as Db, {
  get: (_target, property) => Reflect.get(client().db, property, client().db),
});
