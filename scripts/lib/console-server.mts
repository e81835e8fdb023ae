import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { spawnGroup, stopChild } from "./processes.mts";

/**
 * `next start` of this checkout's production build against a database, for
 * the benchmark and the soak: workers off (they would compete with the load),
 * 2FA and rate limits out of the way so one demo login can drive thousands
 * of requests. Localhost only.
 */
export interface ConsoleServer {
  baseUrl: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

export const BENCH_ENV = {
  TWO_FACTOR_ROLES: "none",
  RATE_LIMIT_SEARCHES_PER_MINUTE: "100000",
  RATE_LIMIT_SUGGESTIONS_PER_MINUTE: "100000",
  RATE_LIMIT_EXPORTS_PER_HOUR: "100000",
  SMS_WORKER: "off",
  CARRIER_WORKER: "off",
  GOODWILL_WORKER: "off",
  DEMO_DATA: "off",
  // The scripts connect as the cluster's owner; a real deployment runs the app as its runtime role.
  ALLOW_PRIVILEGED_DB_ROLE: "on",
};

export function requireBuild(): void {
  if (!existsSync(path.resolve(".next", "BUILD_ID"))) {
    console.error("No production build: run `npm run build` first.");
    process.exit(2);
  }
}

export async function waitForHealth(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${baseUrl} did not answer /api/health within ${timeoutMs / 1000} s`);
}

export async function startConsoleServer(options: {
  databaseUrl: string;
  port: number;
  authSecret?: string;
  env?: Record<string, string>;
}): Promise<ConsoleServer> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const child = spawnGroup(
    path.resolve("node_modules/.bin/next"),
    ["start", "-H", "127.0.0.1", "-p", String(options.port)],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        ...BENCH_ENV,
        NODE_ENV: "production",
        DATABASE_URL: options.databaseUrl,
        AUTH_SECRET: options.authSecret ?? randomBytes(32).toString("base64url"),
        ...options.env,
      },
    },
  );
  try {
    await waitForHealth(baseUrl);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { baseUrl, child, stop: () => stopChild(child) };
}

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}

const header = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs a demo member in through Auth.js's credentials endpoint and returns the Cookie header to send. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: baseUrl,
      cookie: header(jar),
    },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/customers` }),
  });
  cookiesOf(response, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`Signing in ${email} failed (${response.status})`);
  return header(jar);
}

/** A server action's id in this build, from its manifest (as the browser's bundle names it). */
export function serverActionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!found) throw new Error(`${exportedName} is not in the build's server-reference manifest`);
  return found[0];
}

export interface RenewalConfirm {
  customerId: number;
  cardId: number;
  planVersionId: number;
  method: string;
  currency: string;
  reference: string | null;
  smsMsisdn: string;
  smsLanguage: string;
  idempotencyKey: string;
}

/**
 * One renewal confirm as the browser's review sends it (renewCardAction on the
 * card's renew page), read to the end: a renewal answers with a redirect to its
 * receipt (`x-action-redirect`) and the receipt rendered in the same response.
 * `renewalId` when the server acknowledged the renewal, `refused` when it
 * answered with a refusal.
 */
export async function postRenewal(
  baseUrl: string,
  cookie: string,
  actionId: string,
  confirm: RenewalConfirm,
): Promise<{ status: number; renewalId: number | null; refused: boolean }> {
  const { customerId, ...input } = confirm;
  const response = await fetch(`${baseUrl}/customers/${customerId}/cards/${confirm.cardId}/renew`, {
    method: "POST",
    redirect: "manual",
    headers: {
      cookie,
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseUrl,
    },
    body: JSON.stringify([{ ...input, acknowledgeRecentRenewal: true }]),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  const id = /^\/renewals\/(\d+)\?/.exec(response.headers.get("x-action-redirect") ?? "");
  return {
    status: response.status,
    renewalId: response.status === 200 && id ? Number(id[1]) : null,
    refused: response.status === 200 && !id && /"ok":false/.test(text),
  };
}
