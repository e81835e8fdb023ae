import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL"),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(50).default(4),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  VALIDITY_CAP_DAYS: z.coerce.number().int().min(30).max(3650).default(730),
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
