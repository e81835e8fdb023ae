import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(50).default(4),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  VALIDITY_CAP_DAYS: z.coerce.number().int().min(30).max(3650).default(730),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  // Security (issue 13); README "Configuration" explains each.
  ALLOW_PRIVILEGED_DB_ROLE: z.enum(["on", "off"]).default("off"),
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
    .pipe(z.array(z.enum(["agent", "supervisor", "admin"]))),
  RATE_LIMIT_SUGGESTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  RATE_LIMIT_SEARCHES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  RATE_LIMIT_EXPORTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  SECURITY_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(365),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validated on first use, so a build without a database still succeeds. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${fields}`);
  }
  cached = parsed.data;
  return cached;
}
