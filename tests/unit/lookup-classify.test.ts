import { describe, expect, it } from "vitest";
import {
  classifySearch,
  cleanSearchText,
  lookupRank,
  SEARCH_MAX_LENGTH,
  type Lookup,
} from "@/lib/domain/search-classifier";

function lookups(raw: string): Lookup[] {
  const result = classifySearch(raw);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to be searchable, got ${result.reason}`);
  return result.lookups;
}

const hk = { by: "msisdn", region: "HK", msisdn: "+85291234567" } as const;
const cn = { by: "msisdn", region: "CN", msisdn: "+8613812345678" } as const;

describe("classifySearch: Hong Kong numbers", () => {
  it.each(["+852 9123 4567", "00852-91234567", "+852-9123-4567", "＋８５２ ９１２３ ４５６７"])(
    "reads %s as the exact number only",
    (raw) => {
      expect(lookups(raw)).toEqual([hk]);
    },
  );

  it.each(["91234567", "9123 4567", "9123-4567", "９１２３４５６７", "(852) 9123 4567", "85291234567"])(
    "reads %s as the number, then as a fragment of others",
    (raw) => {
      const found = lookups(raw);
      expect(found[0]).toEqual(hk);
      expect(found.slice(1).every((l) => lookupRank(l) === 2)).toBe(true);
    },
  );

  it("looks for an unprefixed 8-digit number inside mainland numbers and ICCIDs too", () => {
    expect(lookups("9123 4567")).toEqual([
      hk,
      { by: "numberFragment", digits: "91234567" },
      { by: "iccidFragment", digits: "91234567" },
    ]);
  });
});

describe("classifySearch: mainland numbers", () => {
  it.each(["+86 138 1234 5678", "0086 138-1234-5678", "0086-13812345678", "+8613812345678"])(
    "reads %s as the exact number only",
    (raw) => {
      expect(lookups(raw)).toEqual([cn]);
    },
  );

  it.each(["13812345678", "138 1234 5678", "8613812345678", "１３８１２３４５６７８"])(
    "reads %s as the number first",
    (raw) => {
      expect(lookups(raw)[0]).toEqual(cn);
    },
  );

  it("refuses a prefixed number that is neither Hong Kong nor mainland, with a reason", () => {
    expect(classifySearch("+1 415 555 0100")).toMatchObject({ ok: false, reason: "invalidNumber" });
    expect(classifySearch("+852 1234")).toMatchObject({ ok: false, reason: "invalidNumber" });
  });
});

describe("classifySearch: last digits and fragments", () => {
  it("reads four digits as the last 4 of a number", () => {
    expect(lookups("4567")).toEqual([{ by: "last4", digits: "4567" }]);
    expect(lookups("４５６７")).toEqual([{ by: "last4", digits: "4567" }]);
  });

  it("reads five digits as a number fragment (too short for an ICCID fragment)", () => {
    expect(lookups("34567")).toEqual([{ by: "numberFragment", digits: "34567" }]);
  });

  it("reads 6 to 11 digits as a fragment of a number or an ICCID", () => {
    expect(lookups("234 567")).toEqual([
      { by: "numberFragment", digits: "234567" },
      { by: "iccidFragment", digits: "234567" },
    ]);
  });

  it("reads digits starting 00 that are no international number as a fragment", () => {
    expect(lookups("00239513")).toEqual([
      { by: "numberFragment", digits: "00239513" },
      { by: "iccidFragment", digits: "00239513" },
    ]);
  });

  it("reads 12 to 18 digits as an ICCID fragment only", () => {
    expect(lookups("201009824516")).toEqual([{ by: "iccidFragment", digits: "201009824516" }]);
  });
});

describe("classifySearch: ICCIDs", () => {
  it("reads 20 digits as a whole ICCID", () => {
    expect(lookups("89852010098245165301")).toEqual([{ by: "iccid", iccid: "89852010098245165301" }]);
  });

  it("reads 19 digits with a good check digit, with spaces or full-width, as a whole ICCID", () => {
    const expected = [{ by: "iccid", iccid: "8985201009824516530" }];
    expect(lookups("8985 2010 0982 4516 530")).toEqual(expected);
    expect(lookups("８９８５２０１００９８２４５１６５３０")).toEqual(expected);
  });

  it("reads 19 digits with a wrong check digit as a whole ICCID or part of a 20-digit one", () => {
    expect(lookups("8985201009824516531")).toEqual([
      { by: "iccid", iccid: "8985201009824516531" },
      { by: "iccidFragment", digits: "8985201009824516531" },
    ]);
  });

  it("refuses more digits than any identifier has", () => {
    expect(classifySearch("898520100982451653012")).toMatchObject({ ok: false, reason: "tooManyDigits" });
  });
});

describe("classifySearch: ids", () => {
  it.each([
    [
      "#42",
      [
        { by: "customerId", id: 42 },
        { by: "cardId", id: 42 },
      ],
    ],
    [
      "# 1000000",
      [
        { by: "customerId", id: 1_000_000 },
        { by: "cardId", id: 1_000_000 },
      ],
    ],
    [
      "42",
      [
        { by: "customerId", id: 42 },
        { by: "cardId", id: 42 },
      ],
    ],
    ["C42", [{ by: "customerId", id: 42 }]],
    ["customer 42", [{ by: "customerId", id: 42 }]],
    ["Customer:42", [{ by: "customerId", id: 42 }]],
    ["客户 42", [{ by: "customerId", id: 42 }]],
    ["card 7", [{ by: "cardId", id: 7 }]],
    ["Card #7", [{ by: "cardId", id: 7 }]],
    ["卡7", [{ by: "cardId", id: 7 }]],
  ])("reads %s as an id", (raw, expected) => {
    expect(lookups(raw)).toEqual(expected);
  });

  it("looks up nothing for ids no row can have", () => {
    expect(lookups("#0")).toEqual([]);
    expect(lookups("#99999999999")).toEqual([]);
  });
});

describe("classifySearch: emails", () => {
  it("reads a whole address as the exact email, then as a prefix, lower-cased", () => {
    expect(lookups(" Wong.Wai@Example.com ")).toEqual([
      { by: "email", email: "wong.wai@example.com" },
      { by: "emailPrefix", prefix: "wong.wai@example.com" },
    ]);
  });

  it.each([
    ["wong.wai@", "wong.wai@"],
    ["wong.wai@exam", "wong.wai@exam"],
    ["wong.wai", "wong.wai"],
    ["kayan_chan", "kayan_chan"],
    ["emilie.dubois12", "emilie.dubois12"],
  ])("reads %s as the beginning of an email", (raw, prefix) => {
    expect(lookups(raw)).toEqual([{ by: "emailPrefix", prefix }]);
  });
});

describe("classifySearch: names", () => {
  it("reads a two-character Chinese name as one gram", () => {
    expect(lookups("王伟")).toEqual([{ by: "name", terms: [{ match: "gram", text: "王伟" }] }]);
  });

  it("reads a single surname character as one gram", () => {
    expect(lookups("陈")).toEqual([{ by: "name", terms: [{ match: "gram", text: "陈" }] }]);
  });

  it("reads three or more Chinese characters as a contained piece, ignoring spaces and middle dots", () => {
    expect(lookups("深圳星河")).toEqual([{ by: "name", terms: [{ match: "contains", text: "深圳星河" }] }]);
    expect(lookups("欧阳·娜")).toEqual([{ by: "name", terms: [{ match: "contains", text: "欧阳娜" }] }]);
    expect(lookups("陈 嘉欣")).toEqual([
      {
        by: "name",
        terms: [
          { match: "gram", text: "陈" },
          { match: "gram", text: "嘉欣" },
        ],
      },
    ]);
  });

  it("reads Latin words as terms that must all match, short ones as whole words", () => {
    expect(lookups("Chan Ka Yan")).toEqual([
      {
        by: "name",
        terms: [
          { match: "contains", text: "chan" },
          { match: "word", text: "ka" },
          { match: "contains", text: "yan" },
        ],
      },
    ]);
  });

  it("keeps accents for the database to fold, and tries one Latin word as an email start too", () => {
    expect(lookups("Émilie")).toEqual([{ by: "name", terms: [{ match: "contains", text: "émilie" }] }]);
    expect(lookups("Emilie")).toEqual([
      { by: "name", terms: [{ match: "contains", text: "emilie" }] },
      { by: "emailPrefix", prefix: "emilie" },
    ]);
    expect(lookups("Ng")).toEqual([
      { by: "name", terms: [{ match: "word", text: "ng" }] },
      { by: "emailPrefix", prefix: "ng" },
    ]);
  });

  it("splits mixed Chinese and Latin into separate terms", () => {
    expect(lookups("王伟Wong")).toEqual([
      {
        by: "name",
        terms: [
          { match: "gram", text: "王伟" },
          { match: "contains", text: "wong" },
        ],
      },
    ]);
  });

  it("keeps wildcard characters and quotes as literal parts of a term", () => {
    expect(lookups("O'Brien")).toEqual([{ by: "name", terms: [{ match: "contains", text: "o'brien" }] }]);
    expect(lookups("wong %")).toEqual([
      {
        by: "name",
        terms: [
          { match: "contains", text: "wong" },
          { match: "word", text: "%" },
        ],
      },
    ]);
    expect(lookups("a%b\\c")).toEqual([{ by: "name", terms: [{ match: "contains", text: "a%b\\c" }] }]);
  });
});

describe("classifySearch: what cannot be searched", () => {
  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["\u200f\u200e", "empty"],
    ["%", "unsearchable"],
    ["_", "unsearchable"],
    ["\\", "unsearchable"],
    ["'\"", "unsearchable"],
    ["😀", "unsearchable"],
    ["%_%", "unsearchable"],
  ])("refuses %j as %s", (raw, reason) => {
    expect(classifySearch(raw)).toMatchObject({ ok: false, reason });
  });

  it("refuses a 10 KB string without echoing it back", () => {
    expect(classifySearch("9".repeat(10_240))).toEqual({ ok: false, reason: "tooLong", text: "" });
    expect(classifySearch("王".repeat(SEARCH_MAX_LENGTH + 1))).toEqual({ ok: false, reason: "tooLong", text: "" });
    expect(classifySearch("王".repeat(SEARCH_MAX_LENGTH)).ok).toBe(true);
  });

  it("treats null and undefined as an empty search", () => {
    expect(classifySearch(null)).toMatchObject({ ok: false, reason: "empty" });
    expect(classifySearch(undefined)).toMatchObject({ ok: false, reason: "empty" });
  });
});

describe("cleanSearchText", () => {
  it("drops right-to-left and zero-width marks and turns control characters into spaces", () => {
    expect(cleanSearchText("\u202e9123\u200b4567\u202c")).toBe("91234567");
    expect(cleanSearchText("王\t伟\n")).toBe("王 伟");
    expect(lookups("\u200f91234567")[0]).toEqual(hk);
  });

  it("turns full-width letters and spaces into ASCII", () => {
    expect(cleanSearchText("Ｗｏｎｇ　Ｗａｉ")).toBe("Wong Wai");
  });
});

describe("classifySearch: receipts and payment references", () => {
  it.each(["R9665", "#R9665", "r9665", " #r9665 "])("reads %s as the renewal R9665", (text) => {
    expect(classifySearch(text)).toMatchObject({ ok: true, lookups: [{ by: "renewal", id: 9665 }] });
  });

  it("reads an FPS reference as typed, with hyphens and spaces, normalised", () => {
    for (const text of ["FRN1066040003", "frn1066040003", "frn-1066 040003"]) {
      const result = classifySearch(text);
      expect(result.ok && result.lookups[0]).toEqual({ by: "paymentReference", reference: "FRN1066040003" });
    }
  });

  it("reads a 28-digit WeChat Pay transaction number, grouped or not, as a payment reference", () => {
    const reference = "4200002026120100000000009665";
    for (const text of [reference, reference.replace(/(\d{4})/g, "$1 ").trim()]) {
      expect(classifySearch(text)).toMatchObject({ ok: true, lookups: [{ by: "paymentReference", reference }] });
    }
  });

  it("never reads a name or a short email beginning as a reference", () => {
    const wong = classifySearch("Wong Ka-ho");
    expect(wong.ok && wong.lookups.map((l) => l.by)).toEqual(["name"]);
    const email = classifySearch("chan.tm");
    expect(email.ok && email.lookups.map((l) => l.by)).toEqual(["emailPrefix"]);
  });
});
