import { describe, expect, it } from "vitest";
import { checkClose, checkSignOff } from "@/lib/domain/cash-drawer";

describe("closing and signing off a cash drawer", () => {
  const drawer = { staffId: 7, status: "open" as const, expectedMinor: 50000 };

  it("closes the agent's own open drawer; a count that differs needs a reason", () => {
    expect(checkClose(drawer, { actorId: 7, countedMinor: 50000, reason: null })).toEqual({
      refusal: null,
      differenceMinor: 0,
    });
    expect(checkClose(drawer, { actorId: 7, countedMinor: 49000, reason: " " })).toEqual({
      refusal: { code: "reason_required", differenceMinor: -1000 },
      differenceMinor: -1000,
    });
    expect(
      checkClose(drawer, { actorId: 7, countedMinor: 49000, reason: "HK$10 given as change twice" }).refusal,
    ).toBeNull();
  });

  it("refuses someone else's drawer and one already closed", () => {
    expect(checkClose(drawer, { actorId: 8, countedMinor: 50000, reason: null }).refusal).toEqual({
      code: "not_owner",
    });
    expect(
      checkClose({ ...drawer, status: "closed" }, { actorId: 7, countedMinor: 50000, reason: null }).refusal,
    ).toEqual({
      code: "not_open",
      status: "closed",
    });
  });

  it("signs off only a closed drawer, never one's own", () => {
    expect(checkSignOff({ staffId: 7, status: "closed" }, 9)).toBeNull();
    expect(checkSignOff({ staffId: 7, status: "closed" }, 7)).toEqual({ code: "own_drawer" });
    expect(checkSignOff({ staffId: 7, status: "open" }, 9)).toEqual({ code: "not_closed", status: "open" });
    expect(checkSignOff({ staffId: 7, status: "signed_off" }, 9)).toEqual({ code: "not_closed", status: "signed_off" });
  });
});
