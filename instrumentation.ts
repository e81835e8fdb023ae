/**
 * Next.js calls register() once per server process. The start-up work (the
 * configuration check, the database role check, the background workers) is
 * Node.js-only, so it lives in lib/start-up.ts and is imported only in the
 * Node.js runtime: the Edge bundle never sees process.exit or the database.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/start-up");
  await startServer();
}
