import { describe, expect, it } from "vitest";
import { classifySearch, matchedValue, type MatchReason } from "@/lib/domain/search-classifier";

function quoted(raw: string, reason: MatchReason): string {
  const search = classifySearch(raw);
  if (!search.ok) throw new Error(`${raw} was refused`);
  return matchedValue(reason, search);
}

describe("matchedValue", () => {
  it.each([
    ["9123 4567", "hkNumber", "+852 9123 4567"],
    ["9123 4567", "cnFragment", "91234567"],
    ["9123 4567", "iccidFragment", "91234567"],
    ["0086 138-1234-5678", "cnNumber", "+86 138 1234 5678"],
    ["4567", "hkLast4", "4567"],
    ["4567", "cnLast4", "4567"],
    ["8985 2010 0982 4516 530", "iccid", "8985201009824516530"],
    ["#42", "customerId", "42"],
    ["#42", "cardId", "42"],
    ["Wong.Wai@Example.com", "email", "wong.wai@example.com"],
    ["Wong.Wai@Example.com", "emailPrefix", "wong.wai@example.com"],
    ["Emilie", "emailPrefix", "emilie"],
    ["  王伟  ", "name", "王伟"],
    ["Chan\u200b Ka Yan", "name", "Chan Ka Yan"],
  ] as const)("quotes %j back for %s as %j", (raw, reason, expected) => {
    expect(quoted(raw, reason)).toBe(expected);
  });
});
