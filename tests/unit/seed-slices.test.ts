import { describe, expect, it } from "vitest";
import { SliceShares, slicesOf, wholeSlice } from "@/db/seed-slices";

describe("the seed's slices", () => {
  it("cover every customer id once, in order, in ranges of nearly equal size", () => {
    const slices = slicesOf(10, 3).map((s) => s.customers);
    expect(slices).toEqual([
      { from: 1, to: 3 },
      { from: 4, to: 6 },
      { from: 7, to: 10 },
    ]);
    expect(slicesOf(1_000_000, 2).map((s) => s.customers)).toEqual([
      { from: 1, to: 500_000 },
      { from: 500_001, to: 1_000_000 },
    ]);
  });

  it("share ids out as one connection would: each slice starts after the rows of the slices before it", async () => {
    const shares = new SliceShares(3);
    // Slices arrive in any order; each waits for all three.
    const answers = await Promise.all([
      shares.share("numbers", 2, [5, 1]),
      shares.share("numbers", 0, [3, 4]),
      shares.share("numbers", 1, [7, 0]),
    ]);
    expect(answers).toEqual([
      { before: [10, 4], total: [15, 5] },
      { before: [0, 0], total: [15, 5] },
      { before: [3, 4], total: [15, 5] },
    ]);
  });

  it("release every waiting slice with the error when one fails, and refuse later shares", async () => {
    const shares = new SliceShares(2);
    const waiting = shares.share("renewals", 0, [10]);
    const failure = new Error("slice 2 failed");
    shares.abort(failure);
    await expect(waiting).rejects.toBe(failure);
    await expect(shares.share("ledger", 1, [1])).rejects.toBe(failure);
  });

  it("one slice alone is the whole load, numbered from 1", async () => {
    const slice = wholeSlice(2000);
    expect(slice.customers).toEqual({ from: 1, to: 2000 });
    expect(await slice.share("renewals", [42])).toEqual({ before: [0], total: [42] });
  });
});
