import { describe, expect, it } from "vitest";
import { parseRecent, recentStorageKey, rememberRecent, RECENT_MAX, type RecentCustomer } from "@/lib/recent-customers";

const visit = (customerId: number, at: number, cardId: number | null = null): RecentCustomer => ({
  customerId,
  cardId,
  name: `Customer ${customerId}`,
  href: cardId ? `/customers/${customerId}/cards/${cardId}` : `/customers/${customerId}`,
  at,
});

describe("recent customers", () => {
  it("puts the latest visit first and lists each customer once", () => {
    let list: RecentCustomer[] = [];
    list = rememberRecent(list, visit(1, 1));
    list = rememberRecent(list, visit(2, 2));
    list = rememberRecent(list, visit(1, 3, 7));
    expect(list.map((r) => [r.customerId, r.cardId])).toEqual([
      [1, 7],
      [2, null],
    ]);
  });

  it("keeps only the newest few", () => {
    let list: RecentCustomer[] = [];
    for (let i = 1; i <= RECENT_MAX + 3; i++) list = rememberRecent(list, visit(i, i));
    expect(list).toHaveLength(RECENT_MAX);
    expect(list[0]!.customerId).toBe(RECENT_MAX + 3);
  });

  it("reads back what it stored and drops anything malformed", () => {
    const list = [visit(1, 1), visit(2, 2, 5)];
    expect(parseRecent(JSON.stringify(list))).toEqual(list);
    expect(parseRecent("not json")).toEqual([]);
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent(JSON.stringify([{ customerId: 1, href: "https://evil.example/" }, visit(3, 3)]))).toEqual([
      visit(3, 3),
    ]);
    expect(parseRecent(JSON.stringify([{ ...visit(4, 4), href: "//evil.example/customers/1" }]))).toEqual([]);
  });

  it("is kept apart for each staff member", () => {
    expect(recentStorageKey(1)).not.toBe(recentStorageKey(2));
  });
});
