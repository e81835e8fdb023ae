import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardNumbers, cards, customers, staff } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { luhnCheckDigit } from "@/lib/domain/identifiers";
import type { Role } from "@/lib/domain/permissions";
import { uniqueSuffix } from "./db";

let passwordHashCache: Promise<string> | undefined;
export const FACTORY_PASSWORD = "factory-password-123";

export async function createStaff(
  db: Db,
  overrides: Partial<{ email: string; name: string; role: Role; password: string; disabled: boolean }> = {},
) {
  const passwordHash = overrides.password
    ? await hashPassword(overrides.password)
    : await (passwordHashCache ??= hashPassword(FACTORY_PASSWORD));
  const [row] = await db
    .insert(staff)
    .values({
      email: overrides.email ?? `staff-${uniqueSuffix()}@example.test`,
      name: overrides.name ?? "Test Staff",
      role: overrides.role ?? "agent",
      passwordHash,
      disabledAt: overrides.disabled ? sql`now()` : null,
    })
    .returning({ id: staff.id, email: staff.email, role: staff.role, sessionVersion: staff.sessionVersion });
  return row!;
}

let iccidCounter = Math.floor(Math.random() * 1e9);

/** A valid, unused ICCID (the 8985209 prefix is never used by the seed). */
export function newIccid(): string {
  const payload = `8985209${String(iccidCounter++).padStart(11, "0")}`;
  return payload + String(luhnCheckDigit(payload));
}

export async function createCustomerWithCard(
  db: Db,
  overrides: Partial<{
    nameZh: string | null;
    nameEn: string | null;
    email: string | null;
    validityEnd: Date;
    suspended: boolean;
    storedValue: number;
    hk: string | null;
    cn: string | null;
  }> = {},
) {
  const [customer] = await db
    .insert(customers)
    .values({
      nameZh: overrides.nameZh === undefined ? "测试客户" : overrides.nameZh,
      nameEn: overrides.nameEn === undefined ? `Test Customer ${uniqueSuffix()}` : overrides.nameEn,
      email: overrides.email === undefined ? `customer-${uniqueSuffix()}@example.test` : overrides.email,
      preferredLanguage: "zh-Hant",
    })
    .returning({ id: customers.id });
  const [card] = await db
    .insert(cards)
    .values({
      customerId: customer!.id,
      iccid: newIccid(),
      validityEnd: overrides.validityEnd ?? new Date(Date.now() + 10 * 86_400_000),
      suspendedAt: overrides.suspended ? new Date() : null,
      suspensionReason: overrides.suspended ? "lost" : null,
      storedValueHkdMinor: overrides.storedValue ?? 0,
    })
    .returning({ id: cards.id, iccid: cards.iccid });
  const numbers = [
    overrides.hk !== null ? { region: "HK" as const, msisdn: `+852${overrides.hk ?? randomNational(8, "6")}` } : null,
    overrides.cn ? { region: "CN" as const, msisdn: `+86${overrides.cn}` } : null,
  ].filter((n) => n !== null);
  if (numbers.length)
    await db
      .insert(cardNumbers)
      .values(numbers.map((n) => ({ ...n, cardId: card!.id, realNameStatus: "verified" as const })));
  return { customerId: customer!.id, cardId: card!.id, iccid: card!.iccid };
}

function randomNational(length: number, first: string): string {
  let digits = first;
  while (digits.length < length) digits += Math.floor(Math.random() * 10);
  return digits;
}
