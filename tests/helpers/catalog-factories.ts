import type { Db } from "@/db/client";
import { createPlan } from "@/db/mutations/create-plan";
import { changePlanStatus } from "@/db/mutations/change-plan-status";
import { periods, renewals } from "@/db/schema";
import type { CreatePlanInput, PlanTerms } from "@/lib/validation/plans";
import { uniqueSuffix } from "./db";
import { createCustomerWithCard } from "./factories";

export const defaultTerms: PlanTerms = {
  validityDays: 30,
  dataCnMb: 8192,
  dataHkMb: 4096,
  priceHkdMinor: 9800,
  priceCnyMinor: 8800,
  extensionMode: "stack",
};

export function planInput(
  overrides: Partial<Omit<CreatePlanInput, "terms">> & { terms?: Partial<PlanTerms> } = {},
): CreatePlanInput {
  const suffix = uniqueSuffix().toUpperCase();
  return {
    code: overrides.code ?? `T-${suffix}`,
    nameEn: overrides.nameEn ?? `Test plan ${suffix}`,
    nameZh: overrides.nameZh ?? `测试套餐 ${suffix}`,
    nameZhHant: overrides.nameZhHant ?? `測試套餐 ${suffix}`,
    sortOrder: overrides.sortOrder ?? 100,
    terms: { ...defaultTerms, ...overrides.terms },
  };
}

/** A plan made through the real mutations: a draft at version 1, published unless asked not to. */
export async function createTestPlan(
  db: Db,
  actorId: number,
  options: { publish?: boolean; input?: Parameters<typeof planInput>[0] } = {},
) {
  const input = planInput(options.input);
  const { planId } = await createPlan(input, actorId, db);
  if (options.publish ?? true) await changePlanStatus({ planId, lockVersion: 1, kind: "publish" }, actorId, db);
  return { planId, code: input.code, lockVersion: (options.publish ?? true) ? 2 : 1 };
}

const DAY = 86_400_000;

/**
 * A sold renewal of a plan version, with its period (written directly: the
 * renewal flow is not what these tests are about). By default the period is
 * running now.
 */
export async function createTestRenewal(
  db: Db,
  options: {
    planVersionId: number;
    soldBy: number;
    priceMinor?: number;
    startsAt?: Date;
    endsAt?: Date;
    voided?: boolean;
    cardId?: number;
  },
) {
  const cardId = options.cardId ?? (await createCustomerWithCard(db)).cardId;
  const startsAt = options.startsAt ?? new Date(Date.now() - 5 * DAY);
  const endsAt = options.endsAt ?? new Date(startsAt.getTime() + 30 * DAY);
  const voidedAt = options.voided ? new Date() : null;
  const [renewal] = await db
    .insert(renewals)
    .values({
      cardId,
      planVersionId: options.planVersionId,
      channel: "console",
      soldBy: options.soldBy,
      cardState: "active",
      extensionMode: "stack",
      previousValidityEnd: startsAt,
      newValidityEnd: endsAt,
      priceMinor: options.priceMinor ?? defaultTerms.priceHkdMinor,
      currency: "HKD",
      smsLanguage: "en",
      status: options.voided ? "voided" : "activated",
      activatedAt: new Date(),
      voidedAt,
      voidedBy: options.voided ? options.soldBy : null,
      voidReason: options.voided ? "test void" : null,
    })
    .returning({ id: renewals.id, priceMinor: renewals.priceMinor, planVersionId: renewals.planVersionId });
  await db
    .insert(periods)
    .values({ renewalId: renewal!.id, cardId, startsAt, endsAt, dataCnMb: 1024, dataHkMb: 1024, voidedAt });
  return { ...renewal!, cardId };
}
