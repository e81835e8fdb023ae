import { describe, expect, it } from "vitest";
import {
  createPlanSchema,
  dataAllowanceInput,
  parseDataAllowance,
  parsePlanListParams,
  parsePrice,
  priceInput,
  updatePlanSchema,
} from "@/lib/validation/plans";

const form = {
  code: " monthly-test ",
  nameEn: " Monthly test ",
  nameZh: "测试月卡",
  nameZhHant: "測試月卡",
  sortOrder: "10",
  validityDays: "30",
  dataCn: "1.5",
  dataCnUnit: "GB",
  dataHk: "500",
  dataHkUnit: "MB",
  priceHkd: "1,288.50",
  priceCny: "88",
  extensionMode: "stack",
};

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("parsePrice", () => {
  it.each([
    ["98", 9800],
    ["98.5", 9850],
    ["98.50", 9850],
    ["0.01", 1],
    [" 1,288.00 ", 128_800],
    ["100000", 10_000_000],
  ])("reads %j as %i minor units", (input, minor) => {
    expect(parsePrice(input)).toEqual({ ok: true, minor });
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["0", "pricePositive"],
    ["0.00", "pricePositive"],
    ["-5", "pricePositive"],
    ["- 5", "pricePositive"],
    ["98.505", "priceDecimals"],
    ["1.2345", "priceDecimals"],
    ["1e9", "priceFormat"],
    ["1E2", "priceFormat"],
    ["NaN", "priceFormat"],
    ["Infinity", "priceFormat"],
    ["ninety-eight", "priceFormat"],
    ["98.", "priceFormat"],
    [".5", "priceFormat"],
    ["+98", "priceFormat"],
    ["0x10", "priceFormat"],
    ["1000000000", "priceFormat"],
    ["100000.01", "priceTooLarge"],
    ["999999999", "priceTooLarge"],
  ])("refuses %j as %s", (input, error) => {
    expect(parsePrice(input)).toEqual({ ok: false, error });
  });
});

describe("parseDataAllowance", () => {
  it("stores GB exactly in MB (1 GB = 1024 MB)", () => {
    expect(parseDataAllowance("8", "GB")).toEqual({ ok: true, mb: 8192 });
    expect(parseDataAllowance("1.5", "GB")).toEqual({ ok: true, mb: 1536 });
    expect(parseDataAllowance("0.125", "GB")).toEqual({ ok: true, mb: 128 });
    expect(parseDataAllowance("0", "GB")).toEqual({ ok: true, mb: 0 });
    expect(parseDataAllowance("500", "MB")).toEqual({ ok: true, mb: 500 });
    expect(parseDataAllowance("1024", "GB")).toEqual({ ok: true, mb: 1_048_576 });
  });

  it("refuses what cannot be stored exactly or is not a size", () => {
    expect(parseDataAllowance("1.1", "GB")).toEqual({ ok: false, error: "dataNotExact" });
    expect(parseDataAllowance("0.001", "GB")).toEqual({ ok: false, error: "dataNotExact" });
    expect(parseDataAllowance("1.5", "MB")).toEqual({ ok: false, error: "dataWholeMb" });
    expect(parseDataAllowance("1.2345", "GB")).toEqual({ ok: false, error: "dataFormat" });
    expect(parseDataAllowance("-1", "MB")).toEqual({ ok: false, error: "dataFormat" });
    expect(parseDataAllowance("1e3", "MB")).toEqual({ ok: false, error: "dataFormat" });
    expect(parseDataAllowance("lots", "GB")).toEqual({ ok: false, error: "dataFormat" });
    expect(parseDataAllowance("", "GB")).toEqual({ ok: false, error: "required" });
    expect(parseDataAllowance("1025", "GB")).toEqual({ ok: false, error: "dataTooLarge" });
    expect(parseDataAllowance("1048577", "MB")).toEqual({ ok: false, error: "dataTooLarge" });
  });

  it("shows a stored allowance the way an admin would type it, and reads it back unchanged", () => {
    for (const mb of [0, 1, 500, 1023, 1024, 1536, 1152, 8192, 204_800, 1000]) {
      const shown = dataAllowanceInput(mb);
      expect(parseDataAllowance(shown.value, shown.unit)).toEqual({ ok: true, mb });
    }
    expect(dataAllowanceInput(8192)).toEqual({ value: "8", unit: "GB" });
    expect(dataAllowanceInput(1536)).toEqual({ value: "1.5", unit: "GB" });
    expect(dataAllowanceInput(512)).toEqual({ value: "512", unit: "MB" });
    expect(dataAllowanceInput(1000)).toEqual({ value: "1000", unit: "MB" });
  });

  it("shows a price the way it reads back", () => {
    for (const minor of [1, 99, 100, 9850, 10_000_000])
      expect(parsePrice(priceInput(minor))).toEqual({ ok: true, minor });
    expect(priceInput(9850)).toBe("98.50");
  });
});

describe("createPlanSchema", () => {
  it("normalises the form into a plan with terms in MB and minor units", () => {
    expect(createPlanSchema.parse(form)).toEqual({
      code: "MONTHLY-TEST",
      nameEn: "Monthly test",
      nameZh: "测试月卡",
      nameZhHant: "測試月卡",
      sortOrder: 10,
      terms: {
        validityDays: 30,
        dataCnMb: 1536,
        dataHkMb: 500,
        priceHkdMinor: 128_850,
        priceCnyMinor: 8800,
        extensionMode: "stack",
      },
    });
  });

  it("puts every mistake on its own field at once", () => {
    const result = createPlanSchema.safeParse({
      ...form,
      code: "a",
      nameEn: "   ",
      nameZh: "长".repeat(121),
      nameZhHant: "",
      validityDays: "731",
      dataCn: "1.1",
      dataHk: "2.5",
      priceHkd: "-1",
      priceCny: "1e9",
      extensionMode: "forever",
      sortOrder: "-3",
    });
    expect(fieldErrors(result)).toEqual({
      code: "plans.validation.codeFormat",
      nameEn: "plans.validation.required",
      nameZh: "plans.validation.tooLong",
      nameZhHant: "plans.validation.required",
      validityDays: "plans.validation.validityDays",
      dataCn: "plans.validation.dataNotExact",
      dataHk: "plans.validation.dataWholeMb",
      priceHkd: "plans.validation.pricePositive",
      priceCny: "plans.validation.priceFormat",
      extensionMode: "plans.validation.extensionMode",
      sortOrder: "plans.validation.sortOrder",
    });
  });

  it.each([["0"], ["1.5"], ["abc"], [""], ["1e2"]])("refuses %j validity days", (days) => {
    expect(fieldErrors(createPlanSchema.safeParse({ ...form, validityDays: days })).validityDays).toMatch(
      /^plans\.validation\./,
    );
  });

  it("refuses fields the form does not have, such as a price in minor units", () => {
    const result = createPlanSchema.safeParse({ ...form, priceHkdMinor: "1" });
    expect(result.success).toBe(false);
  });
});

describe("updatePlanSchema", () => {
  it("needs the plan and the lockVersion that was read, and never takes a code", () => {
    const edit: Partial<typeof form> = { ...form };
    delete edit.code;
    expect(updatePlanSchema.safeParse({ ...edit, planId: "7", lockVersion: "3" })).toMatchObject({
      success: true,
      data: { planId: 7, lockVersion: 3 },
    });
    expect(updatePlanSchema.safeParse({ ...edit, planId: "7" }).success).toBe(false);
    expect(updatePlanSchema.safeParse({ ...edit, planId: "7", lockVersion: "3", code: "NEW" }).success).toBe(false);
  });
});

describe("parsePlanListParams", () => {
  it("keeps known filters and falls back for anything else", () => {
    expect(parsePlanListParams({ status: "archived", q: "  month " })).toEqual({ status: "archived", q: "month" });
    expect(parsePlanListParams({ status: "deleted", q: ["a", "b"] })).toEqual({ status: "all", q: "" });
  });
});

describe("schemas given something that is not a form", () => {
  it("refuse it without throwing", () => {
    expect(createPlanSchema.safeParse(null).success).toBe(false);
    expect(updatePlanSchema.safeParse("plan").success).toBe(false);
    expect(createPlanSchema.safeParse({ ...form, dataCn: 5, dataHkUnit: "TB" }).success).toBe(false);
  });
});
