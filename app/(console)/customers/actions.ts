"use server";

import { z } from "zod";
import { searchCustomers } from "@/db/queries/customer-search";
import { getTranslations } from "next-intl/server";
import { staffAction, type ActionResult } from "@/lib/action";
import { businessRules } from "@/lib/config";
import { classifySearch, SEARCH_MAX_LENGTH } from "@/lib/domain/search-classifier";
import { limitStaff } from "@/lib/rate-limit-request";
import { toResultLine, type ResultLine } from "./result-line";

const SUGGESTIONS = 6;

/** As-you-type suggestions for the header search box: the first few results, never a count. */
export const suggestCustomersAction = staffAction(
  z.object({ q: z.string().max(SEARCH_MAX_LENGTH * 4) }).strict(),
  async ({ q }, { staff }): Promise<ActionResult<ResultLine[]>> => {
    const search = classifySearch(q);
    if (!search.ok) return { ok: true, data: [] };
    const limited = await limitStaff("suggestions", staff);
    if (!limited.ok)
      return {
        ok: false,
        message: (await getTranslations("errors"))("rateLimited", { seconds: limited.retryAfterSeconds }),
      };
    const { items } = await searchCustomers({ lookups: search.lookups, limit: SUGGESTIONS });
    const now = new Date();
    const { graceDays } = businessRules();
    return { ok: true, data: items.map((item) => toResultLine(item, search, now, graceDays)) };
  },
  { permission: "lookUpCustomers" },
);
