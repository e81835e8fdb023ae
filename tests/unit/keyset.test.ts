import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, pageOf } from "@/lib/keyset";

describe("keyset cursors", () => {
  it("round-trip the sort key of the last row", () => {
    const cursor = encodeCursor(["2026-11-25T00:00:00.000Z", 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(["2026-11-25T00:00:00.000Z", 42]);
  });

  it("ignore tampered or oversized cursors", () => {
    expect(decodeCursor("not base64 json")).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("[]").toString("base64url"))).toBeNull();
    expect(decodeCursor("x".repeat(2000))).toBeNull();
    expect(decodeCursor(undefined)).toBeNull();
  });

  it("learn whether there is a next page from one extra row", () => {
    expect(pageOf([1, 2, 3], 2)).toEqual({ items: [1, 2], hasMore: true });
    expect(pageOf([1, 2], 2)).toEqual({ items: [1, 2], hasMore: false });
  });
});
