import { describe, expect, it } from "vitest";
import {
  formatMsisdn,
  isValidIccid,
  luhnCheckDigit,
  maskDocument,
  parseIccid,
  parsePhone,
  toAsciiDigits,
} from "@/lib/domain/identifiers";

describe("parsePhone", () => {
  it.each([
    ["91234567", "+85291234567"],
    ["9123 4567", "+85291234567"],
    ["+852 9123 4567", "+85291234567"],
    ["+852-9123-4567", "+85291234567"],
    ["00852-91234567", "+85291234567"],
    ["(852) 9123 4567", "+85291234567"],
    ["９１２３４５６７", "+85291234567"],
    ["＋８５２ ９１２３ ４５６７", "+85291234567"],
    ["13812345678", "+8613812345678"],
    ["+86 138 1234 5678", "+8613812345678"],
    ["0086 138-1234-5678", "+8613812345678"],
    ["8613812345678", "+8613812345678"],
  ])("reads %s as %s", (input, expected) => {
    expect(parsePhone(input)?.msisdn ?? null).toBe(expected);
  });

  it("tells Hong Kong from mainland numbers and keeps the national part", () => {
    expect(parsePhone("+852 6123 4567")).toEqual({ region: "HK", msisdn: "+85261234567", national: "61234567" });
    expect(parsePhone("15012345678")).toEqual({ region: "CN", msisdn: "+8615012345678", national: "15012345678" });
  });

  it.each([
    "1234567",
    "123456789",
    "12345678",
    "+852 1234 5678",
    "+86 2812345678",
    "+1 415 555 0100",
    "9123a4567",
    "",
    "++85291234567",
  ])("refuses %s", (input) => {
    expect(parsePhone(input)).toBeNull();
  });
});

describe("ICCID", () => {
  it("computes the Luhn check digit", () => {
    expect(luhnCheckDigit("7992739871")).toBe(3);
    expect(luhnCheckDigit("898520100982451653")).toBe(0);
  });

  it("accepts 19 and 20 digit ICCIDs with a correct check digit", () => {
    expect(isValidIccid("8985201009824516530")).toBe(true);
    const twenty = "8985201009824516531" + String(luhnCheckDigit("8985201009824516531"));
    expect(isValidIccid(twenty)).toBe(true);
  });

  it("refuses a wrong check digit, wrong lengths and non-digits", () => {
    expect(isValidIccid("8985201009824516531")).toBe(false);
    expect(isValidIccid("898520100982451653")).toBe(false);
    expect(isValidIccid("89852010098245165300")).toBe(false);
    expect(isValidIccid("898520100982451653X")).toBe(false);
  });

  it("parses ICCIDs typed with spaces or full-width digits", () => {
    expect(parseIccid("8985 2010 0982 4516 530")).toBe("8985201009824516530");
    expect(parseIccid(toAsciiDigits("８９８５２０１００９８２４５１６５３０"))).toBe("8985201009824516530");
    expect(parseIccid("8985201009824516531")).toBeNull();
  });
});

describe("identity documents", () => {
  it("shows only the last four characters", () => {
    expect(maskDocument("567A")).toBe("••••567A");
    expect(maskDocument(null)).toBeNull();
  });
});

describe("formatMsisdn", () => {
  it("groups numbers the way staff read them aloud, and leaves anything else alone", () => {
    expect(formatMsisdn("+85291234567")).toBe("+852 9123 4567");
    expect(formatMsisdn("+8613812345678")).toBe("+86 138 1234 5678");
    expect(formatMsisdn("+14155550100")).toBe("+14155550100");
  });
});
