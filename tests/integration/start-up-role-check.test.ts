import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyRuntimeGrants, dropRole, ensureRuntimeRole, urlAsRole } from "@/db/roles";
import { withFreshDatabase } from "../helpers/db";

const saved = { ...process.env };

/** Runs instrumentation.ts's register() as `next start` would, with this configuration, and reports how it ended. */
async function startUp(env: Record<string, string>) {
  vi.resetModules();
  Object.assign(
    process.env,
    {
      NEXT_RUNTIME: "nodejs",
      SMS_WORKER: "off",
      CARRIER_WORKER: "off",
      GOODWILL_WORKER: "off",
      EXPORT_WORKER: "off",
      ALLOW_PRIVILEGED_DB_ROLE: "off",
    },
    env,
  );
  const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
    throw new Error(`exit ${code}`);
  }) as never);
  const errors: string[] = [];
  const error = vi.spyOn(console, "error").mockImplementation((message: string) => void errors.push(message));
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    const { register } = await import("@/instrumentation");
    await register();
    return { exited: null, errors };
  } catch (thrown) {
    return { exited: (thrown as Error).message, errors };
  } finally {
    exit.mockRestore();
    error.mockRestore();
    warn.mockRestore();
  }
}

afterEach(() => {
  process.env = { ...saved };
});

describe("start-up role check", () => {
  it("refuses to serve as the owner or a superuser, unless ALLOW_PRIVILEGED_DB_ROLE=on", async () => {
    const refused = await startUp({ DATABASE_URL: process.env.DATABASE_URL! });
    expect(refused.exited).toBe("exit 1");
    expect(refused.errors.join("\n")).toMatch(
      /Refusing to start: the database role "[^"]+" (is a superuser|owns the tables)/,
    );

    const allowed = await startUp({ DATABASE_URL: process.env.DATABASE_URL!, ALLOW_PRIVILEGED_DB_ROLE: "on" });
    expect(allowed).toEqual({ exited: null, errors: [] });
  });

  it("starts as the runtime role", async () => {
    const role = `rd_rt_${randomBytes(4).toString("hex")}`;
    const password = randomBytes(12).toString("hex");
    await ensureRuntimeRole(process.env.TEST_SERVER_URL!, role, password);
    try {
      await withFreshDatabase(
        async (url) => {
          await applyRuntimeGrants(url, role);
          expect(await startUp({ DATABASE_URL: urlAsRole(url, role, password) })).toEqual({ exited: null, errors: [] });
        },
        { migrate: true },
      );
    } finally {
      await dropRole(process.env.TEST_SERVER_URL!, role);
    }
  });
});
