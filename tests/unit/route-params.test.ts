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

describe("idSchema", () => {
  it("takes ids up to int4's ceiling and refuses the first one past it", async () => {
    const { idSchema } = await import("@/lib/validation/ids");
    expect(idSchema.parse("2147483647")).toBe(2_147_483_647);
    expect(idSchema.safeParse("2147483648").success).toBe(false);
    expect(idSchema.safeParse(0).success).toBe(false);
    expect(idSchema.safeParse("1.5").success).toBe(false);
  });
});
