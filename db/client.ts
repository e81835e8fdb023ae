import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle or an open transaction: queries and mutations accept either. */
export type DbOrTx = Db | Tx;

export interface DbClient {
  db: Db;
  sql: postgres.Sql;
  close: () => Promise<void>;
}

/** One postgres.js pool and its drizzle instance. Used by the app, scripts and tests. */
export function createDb(
  url: string,
  options: {
    max?: number;
    applicationName?: string;
    onNotice?: (notice: postgres.Notice) => void;
    /** Called with each statement sent: tests count a page's statements with it. */
    onQuery?: (query: string) => void;
  } = {},
): DbClient {
  const sql = postgres(url, {
    max: options.max ?? 4,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: options.onNotice ?? (() => {}),
    debug: options.onQuery ? (_connection, query) => options.onQuery!(query) : undefined,
    connection: { application_name: options.applicationName ?? "renewal-desk", TimeZone: "UTC" },
  });
  const db = drizzle({ client: sql, schema, casing: "snake_case" });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
