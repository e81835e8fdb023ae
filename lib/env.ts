import { z } from "zod";
import { staffRoles } from "@/lib/domain/enums";

/**
 * Every environment variable the console, its worker and its scripts read,
 * validated in one place: a typo such as SMS_PROVIDER=htp stops the process
 * with the variable's name and the allowed values, instead of silently
 * falling back to a default. (The test runner's own knobs — TEST_DATABASE_URL,
 * CHROMIUM_PATH, E2E_PORT — stay in scripts/test.mts and playwright.config.ts.)
 */
const onOff = z.enum(["on", "off"]);
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL");

const databaseSchema = z.object({
  DATABASE_URL: postgresUrl,
  DB_POOL_MAX: z.coerce.number().int().min(1).max(50).default(4),
  /** The owner role's URL, for migrations and the grants script; the app itself runs as DATABASE_URL's role. */
  DATABASE_OWNER_URL: postgresUrl.optional(),
  /** A read replica's URL: reports and search read from it when set; every write and every other read stays on DATABASE_URL. */
  DATABASE_READ_URL: postgresUrl.optional(),
});

/** The notification worker: inside every server, or alone (`npm run worker`). */
const workerSchema = databaseSchema.extend({
  SMS_PROVIDER: z.enum(["log", "http"]).default("log"),
  SMS_HTTP_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_HTTP_TOKEN: z.string().min(1).optional(),
  SMS_WORKER: onOff.default("on"),
  SECURITY_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(365),
});

const serverSchema = workerSchema.extend({
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  // In calendar years ahead of today's Hong Kong date (DOMAIN.md: 2 years).
  VALIDITY_CAP_YEARS: z.coerce.number().int().min(1).max(10).default(2),
  // The replacement SIM fee in minor units (DOMAIN.md default HK$50 / CN¥45).
  REPLACEMENT_FEE_HKD_MINOR: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  REPLACEMENT_FEE_CNY_MINOR: z.coerce.number().int().min(1).max(1_000_000).default(4500),
  CARRIER_SIMULATION: z
    .string()
    .regex(/^(ok|fail|slow:\d{1,6})$/, 'must be "ok", "fail" or "slow:<milliseconds>"')
    .default("ok"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  // Security (issue 13); README "Configuration" explains each.
  ALLOW_PRIVILEGED_DB_ROLE: onOff.default("off"),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  SESSION_IDLE_SECONDS: z.coerce.number().int().min(2).max(86_400).default(1800),
  SESSION_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 86_400)
    .default(12 * 3600),
  TWO_FACTOR_ROLES: z
    .string()
    .default("supervisor,admin")
    .transform((value) => (value.trim() === "none" ? [] : value.split(",").map((r) => r.trim())))
    .pipe(z.array(z.enum(staffRoles))),
  RATE_LIMIT_SUGGESTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  RATE_LIMIT_SEARCHES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  RATE_LIMIT_EXPORTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  /** The carrier worker inside every server, retrying failed carrier requests with backoff. */
  CARRIER_WORKER: onOff.default("on"),
  /** The bulk goodwill worker inside every server (jobs resume after a restart). */
  GOODWILL_WORKER: onOff.default("on"),
  /** The background export worker inside every server (a job whose worker died is written again). */
  EXPORT_WORKER: onOff.default("on"),
});

/** What `npm start` itself reads before there is a database or a server. */
const launcherSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_OWNER_URL: postgresUrl.optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PGPORT: z.coerce.number().int().min(1).max(65535).default(54320),
  DEMO_DATA: onOff.default("on"),
  DEMO_CUSTOMERS: z.coerce.number().int().min(0).max(10_000_000).default(2000),
});

export type Env = z.infer<typeof serverSchema>;
export type WorkerEnv = z.infer<typeof workerSchema>;
export type DatabaseEnv = z.infer<typeof databaseSchema>;
export type LauncherEnv = z.infer<typeof launcherSchema>;

/** Blank values count as unset, so `SMS_HTTP_URL=` in a .env file means "not given". */
function present(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => !!entry[1]));
}

/** SMS_PROVIDER=http is unusable without its URL and token. */
function smsProviderComplete(e: WorkerEnv, ctx: z.RefinementCtx) {
  if (e.SMS_PROVIDER !== "http") return;
  for (const key of ["SMS_HTTP_URL", "SMS_HTTP_TOKEN"] as const) {
    if (!e[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when SMS_PROVIDER=http" });
  }
}

function parse<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(present(source));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${fields}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

/**
 * The server's configuration, validated on first use (so a build without a
 * database still succeeds) and at start by instrumentation.ts.
 */
export function env(source: NodeJS.ProcessEnv = process.env): Env {
  if (source === process.env && cached) return cached;
  const value = parse(serverSchema.superRefine(smsProviderComplete), source);
  if (source === process.env) cached = value;
  return value;
}

/** For the notification worker on its own: no AUTH_SECRET needed. */
export function workerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  return parse(workerSchema.superRefine(smsProviderComplete), source);
}

/** For scripts that only talk to the database (migrate, seed, worker, benchmarks). */
export function databaseEnv(source: NodeJS.ProcessEnv = process.env): DatabaseEnv {
  return parse(databaseSchema, source);
}

/** For `npm start`, before it has a database URL of its own. */
export function launcherEnv(source: NodeJS.ProcessEnv = process.env): LauncherEnv {
  return parse(launcherSchema, source);
}
