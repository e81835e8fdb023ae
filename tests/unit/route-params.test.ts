import { describe, expect, it } from "vitest";
import { routeId } from "@/lib/domain/route-id";

describe("routeId", () => {
  it("reads a positive 32-bit id and nothing else", () => {
    expect(routeId("42")).toBe(42);
    expect(routeId("2147483647")).toBe(2_147_483_647);
    for (const bad of ["0", "-1", "007", "1.5", "1e3", "abc", "", "2147483648", "99999999999", " 4"])
      expect(routeId(bad)).toBeNull();
  });
});
