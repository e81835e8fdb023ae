import { sql } from "drizzle-orm";
import { db } from "@/db";

export const dynamic = "force-dynamic";

/** For load balancers: 200 when the database answers within 2 s, 503 otherwise. */
export async function GET() {
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
    ]);
    return Response.json({ db: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ db: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
