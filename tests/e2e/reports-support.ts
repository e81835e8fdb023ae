import { createCustomerWithCard } from "../helpers/factories";
import { withDb } from "./support";

/** A customer with one card of this spec's own, so no other spec's data moves under it. */
export async function createReportCard(options: { validityEnd: Date; nameEn: string }) {
  const { customerId, cardId } = await withDb((db) =>
    createCustomerWithCard(db, {
      nameEn: options.nameEn,
      nameZh: "测试提醒",
      email: null,
      preferredLanguage: "en",
      validityEnd: options.validityEnd,
    }),
  );
  return { customerId, cardId };
}
