import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, dropDatabase, ensureDatabase } from "@/db/admin";
import { createDb, type DbClient } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { countSearchResults, searchCustomers, searchHits, type SearchResult } from "@/db/queries/customer-search";
import { classifySearch, type SearchCursor } from "@/lib/domain/search-classifier";
import { createCard, createCustomer, iccidFrom } from "../helpers/factories";

// Search must find the right rows "and only the right ones", so this file
// owns a database of its own: no other test's customers can match.
let client: DbClient;
let dbName: string;

const data = {} as {
  wongWai: number;
  wongWaiCard: number;
  wongWaiMing: number;
  wongWaiMingCard: number;
  wongFong: number;
  wongFongCard: number;
  chan: number;
  chanCard: number;
  tangFong: number;
  tangLaiWah: number;
  emilie: number;
  emilieCard: number;
  underscoreDecoy: number;
  pureTea: number;
  pureTeaDecoy: number;
  backslash: number;
  obrien: number;
  cardless: number;
  exact: number;
  exactCard: number;
  fragmentCards: number[];
  pageCustomers: number[];
  iccids: Map<number, string>;
};

beforeAll(async () => {
  dbName = `rd_lookup_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(process.env.TEST_SERVER_URL!, dbName);
  const url = databaseUrl(process.env.TEST_SERVER_URL!, dbName);
  await migrateDatabase(url);
  client = createDb(url, { max: 2 });
  const { db } = client;
  data.iccids = new Map();
  let n = 0;
  const card = async (customerId: number, fields: Parameters<typeof createCard>[2] = {}) => {
    // Spread-out ICCIDs, so a fragment of one is not a fragment of the next.
    const made = await createCard(db, customerId, {
      iccid: iccidFrom(`8985209${String(7_340_033 * ++n + 1_000_003).padStart(11, "0")}`),
      ...fields,
    });
    data.iccids.set(made.cardId, made.iccid);
    return made.cardId;
  };

  data.wongWai = await createCustomer(db, { nameZh: "王伟", nameEn: "Wong Wai", email: "wong.wai@example.com" });
  data.wongWaiCard = await card(data.wongWai, { hk: "91234567", cn: "13812345678" });
  data.wongWaiMing = await createCustomer(db, { nameZh: "王伟明", nameEn: "Wong Wai Ming", email: "wwm@example.com" });
  data.wongWaiMingCard = await card(data.wongWaiMing, { hk: "61234567" });
  data.wongFong = await createCustomer(db, { nameZh: "王芳", nameEn: "Wong Fong" });
  data.wongFongCard = await card(data.wongFong, { hk: "62220000" });
  data.chan = await createCustomer(db, { nameZh: "陈嘉欣", nameEn: "Chan Ka Yan", email: "kayan_chan@example.com" });
  data.chanCard = await card(data.chan, { hk: "93456789", cn: "13923456789" });
  // One record written in Simplified, one in Traditional: each script finds both.
  data.tangFong = await createCustomer(db, { nameZh: "邓芳", nameEn: "Tang Fong" });
  await card(data.tangFong, { hk: "63380000" });
  data.tangLaiWah = await createCustomer(db, { nameZh: "鄧麗華", nameEn: "Tang Lai Wah" });
  await card(data.tangLaiWah, { hk: "63390000" });
  data.emilie = await createCustomer(db, { nameZh: null, nameEn: "Émilie Dubois", email: "emilie.dubois@example.com" });
  data.emilieCard = await card(data.emilie, { hk: "96789012" });
  data.underscoreDecoy = await createCustomer(db, { nameEn: "Decoy One", email: "kayanxchan@example.com" });
  await card(data.underscoreDecoy, { hk: "63330000" });
  data.pureTea = await createCustomer(db, { nameEn: "100% Pure_Tea Co" });
  await card(data.pureTea, { hk: "63340000" });
  data.pureTeaDecoy = await createCustomer(db, { nameEn: "1000 PureXTea Co" });
  await card(data.pureTeaDecoy, { hk: "63350000" });
  data.backslash = await createCustomer(db, { nameEn: "Back\\Slash Ltd" });
  await card(data.backslash, { hk: "63360000" });
  data.obrien = await createCustomer(db, { nameEn: "Seán O'Brien" });
  await card(data.obrien, { hk: "63370000" });
  data.cardless = await createCustomer(db, { nameZh: "吴浩", nameEn: "Ng Ho" });

  // One exact HK number, and mainland numbers that contain it.
  data.exact = await createCustomer(db, { nameEn: "Exact Holder" });
  data.exactCard = await card(data.exact, { hk: "94445555" });
  data.fragmentCards = [];
  for (const cn of ["13944455551", "13944455552", "15944455553", "17944455554"]) {
    const customer = await createCustomer(db, { nameEn: `Fragment Holder ${cn}` });
    data.fragmentCards.push(await card(customer, { hk: null, cn }));
  }

  // Seven customers for paging, four with two cards: eleven result rows.
  data.pageCustomers = [];
  for (let i = 0; i < 7; i++) {
    const customer = await createCustomer(db, { nameEn: `Pagetest Person ${i}` });
    data.pageCustomers.push(customer);
    await card(customer, { hk: `6440000${i}` });
    if (i % 2 === 0) await card(customer, { hk: `6450000${i}` });
  }
});

afterAll(async () => {
  await client?.close();
  if (dbName) await dropDatabase(process.env.TEST_SERVER_URL!, dbName);
});

async function search(text: string, limit = 50): Promise<SearchResult[]> {
  const classified = classifySearch(text);
  if (!classified.ok) throw new Error(`${text} was refused: ${classified.reason}`);
  return (await searchCustomers({ lookups: classified.lookups, limit }, client.db)).items;
}

const cardsOf = (results: SearchResult[]) => results.map((r) => r.cardId);
const customersOf = (results: SearchResult[]) => [...new Set(results.map((r) => r.customerId))].sort((a, b) => a - b);

describe("searchCustomers: numbers", () => {
  it.each(["91234567", "9123 4567", "+852 9123 4567", "00852-91234567", "９１２３４５６７"])(
    "finds the Hong Kong number %s, and only its card",
    async (text) => {
      const results = await search(text);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({
        rank: 0,
        reason: "hkNumber",
        customerId: data.wongWai,
        cardId: data.wongWaiCard,
        nameZh: "王伟",
      });
    },
  );

  it.each(["13812345678", "+86 138 1234 5678", "0086 138 1234 5678"])(
    "finds the mainland number %s first",
    async (text) => {
      const results = await search(text);
      expect(results[0]).toMatchObject({ rank: 0, reason: "cnNumber", cardId: data.wongWaiCard });
      expect(results.filter((r) => r.rank === 0)).toHaveLength(1);
    },
  );

  it("finds every number ending in the last 4 digits, and nothing else", async () => {
    const results = await search("4567");
    expect(cardsOf(results).sort()).toEqual([data.wongWaiCard, data.wongWaiMingCard].sort());
    expect(results.every((r) => r.rank === 1 && r.reason === "hkLast4")).toBe(true);
  });

  it("finds a longer fragment anywhere in a number, once per card", async () => {
    // 9[1234567], 6[1234567] and the mainland 139[234567]89.
    const results = (await search("234567")).filter((r) => r.reason !== "iccidFragment");
    expect(cardsOf(results).sort()).toEqual([data.wongWaiCard, data.wongWaiMingCard, data.chanCard].sort());
    expect(results.find((r) => r.cardId === data.chanCard)?.reason).toBe("cnFragment");
  });

  it("shows only the exact number's card when a whole number matches, never the numbers containing it", async () => {
    const results = await search("9444 5555");
    expect(results).toEqual([expect.objectContaining({ rank: 0, reason: "hkNumber", cardId: data.exactCard })]);
  });

  it("shows the cards whose numbers contain a fragment, in card order", async () => {
    const results = (await search("4445555")).filter((r) => r.reason !== "iccidFragment");
    expect(cardsOf(results)).toEqual([data.exactCard, ...data.fragmentCards].sort((a, b) => a - b));
    expect(results.every((r) => r.rank === 2)).toBe(true);
  });
});

describe("searchCustomers: ICCIDs and ids", () => {
  it("finds a whole ICCID exactly", async () => {
    const iccid = data.iccids.get(data.chanCard)!;
    const results = await search(iccid.replace(/(\d{4})/g, "$1 "));
    expect(results).toEqual([expect.objectContaining({ rank: 0, reason: "iccid", cardId: data.chanCard })]);
  });

  it("finds an ICCID from a fragment of at least 6 digits, and only the cards containing it", async () => {
    const fragment = data.iccids.get(data.emilieCard)!.slice(9, 17);
    const expected = [...data.iccids].filter(([, iccid]) => iccid.includes(fragment)).map(([id]) => id);
    const results = await search(fragment);
    expect(cardsOf(results.filter((r) => r.reason === "iccidFragment")).sort()).toEqual(expected.sort());
    expect(expected).toContain(data.emilieCard);
  });

  it("finds a customer id with all their cards, and a card id alone", async () => {
    expect(await search(`C${data.wongWai}`)).toEqual([
      expect.objectContaining({ rank: 0, reason: "customerId", cardId: data.wongWaiCard }),
    ]);
    expect(await search(`card ${data.chanCard}`)).toEqual([
      expect.objectContaining({ rank: 0, reason: "cardId", customerId: data.chan }),
    ]);
  });

  it("shows a customer who holds no card, by id or by name", async () => {
    expect(await search(`customer ${data.cardless}`)).toEqual([
      expect.objectContaining({ customerId: data.cardless, cardId: null, nameEn: "Ng Ho" }),
    ]);
    expect(await search("吴浩")).toEqual([
      expect.objectContaining({ customerId: data.cardless, cardId: null, reason: "name" }),
    ]);
  });
});

describe("searchCustomers: names", () => {
  it("finds a two-character Chinese name, and longer names containing it", async () => {
    expect(customersOf(await search("王伟"))).toEqual([data.wongWai, data.wongWaiMing]);
  });

  it("finds a single surname character", async () => {
    expect(customersOf(await search("王"))).toEqual([data.wongWai, data.wongWaiMing, data.wongFong]);
  });

  it("finds a three-character Chinese name", async () => {
    expect(customersOf(await search("陈嘉欣"))).toEqual([data.chan]);
    expect(customersOf(await search("王伟明"))).toEqual([data.wongWaiMing]);
  });

  it("finds a Simplified record from its Traditional name and a Traditional record from its Simplified name", async () => {
    expect(customersOf(await search("鄧芳"))).toEqual([data.tangFong]);
    expect(customersOf(await search("邓芳"))).toEqual([data.tangFong]);
    expect(customersOf(await search("邓丽华"))).toEqual([data.tangLaiWah]);
    expect(customersOf(await search("鄧麗華"))).toEqual([data.tangLaiWah]);
    expect(customersOf(await search("丽华"))).toEqual([data.tangLaiWah]);
  });

  it("finds a surname in either script across records of both scripts", async () => {
    expect(customersOf(await search("鄧"))).toEqual([data.tangFong, data.tangLaiWah]);
    expect(customersOf(await search("邓"))).toEqual([data.tangFong, data.tangLaiWah]);
    expect(customersOf(await search("陳嘉欣"))).toEqual([data.chan]);
  });

  it("finds Latin names whatever the case and accents, every word required", async () => {
    expect(customersOf(await search("wong wai"))).toEqual([data.wongWai, data.wongWaiMing]);
    expect(customersOf(await search("WAI WONG"))).toEqual([data.wongWai, data.wongWaiMing]);
    expect(customersOf(await search("emilie"))).toEqual([data.emilie]);
    expect(customersOf(await search("ÉMILIE dubois"))).toEqual([data.emilie]);
    expect(customersOf(await search("sean o'brien"))).toEqual([data.obrien]);
  });

  it("matches a two-letter name as a whole word only", async () => {
    expect(customersOf(await search("Ng"))).toEqual([data.cardless]);
  });
});

describe("searchCustomers: emails", () => {
  it("finds a whole address exactly, and its beginning", async () => {
    expect(await search("Wong.Wai@Example.com")).toEqual([
      expect.objectContaining({ rank: 0, reason: "email", customerId: data.wongWai }),
    ]);
    expect(customersOf(await search("wong.wai@"))).toEqual([data.wongWai]);
    expect(customersOf(await search("emilie.dub"))).toEqual([data.emilie]);
  });
});

describe("searchCustomers: wildcard characters match literally", () => {
  it("treats _ in an email as an underscore, not any character", async () => {
    expect(customersOf(await search("kayan_chan"))).toEqual([data.chan]);
  });

  it("treats % and _ in a name literally", async () => {
    expect(customersOf(await search("100%"))).toEqual([data.pureTea]);
    expect(customersOf(await search("pure_tea co"))).toEqual([data.pureTea]);
    expect(await search("pure%tea co")).toEqual([]);
  });

  it("treats a backslash literally", async () => {
    expect(customersOf(await search("back\\slash"))).toEqual([data.backslash]);
    expect(await search("back%slash")).toEqual([]);
  });

  it("matches quotes, emoji and right-to-left marks literally or not at all, never widening", async () => {
    expect(await search("wong 😀")).toEqual([]);
    expect(await search("wong ' wai")).toEqual([]);
    expect(customersOf(await search("\u202ewong wai\u202c"))).toEqual([data.wongWai, data.wongWaiMing]);
  });
});

describe("searchCustomers: paging", () => {
  async function allPages(text: string, pageSize: number) {
    const classified = classifySearch(text);
    if (!classified.ok) throw new Error("refused");
    const seen: SearchResult[] = [];
    let after: SearchCursor | null = null;
    for (let page = 0; page < 20; page++) {
      const result: { items: SearchResult[]; next: SearchCursor | null } = await searchCustomers(
        { lookups: classified.lookups, after, limit: pageSize },
        client.db,
      );
      seen.push(...result.items);
      if (!result.next) return seen;
      after = result.next;
    }
    throw new Error("paging did not end");
  }

  it("returns every name match exactly once, in customer then card order", async () => {
    const paged = await allPages("Pagetest", 3);
    const whole = await search("Pagetest", 100);
    expect(paged).toHaveLength(11);
    expect(paged.map((r) => `${r.customerId}/${r.cardId}`)).toEqual(whole.map((r) => `${r.customerId}/${r.cardId}`));
    expect(new Set(paged.map((r) => r.cardId)).size).toBe(11);
    const keys = paged.map((r) => [r.customerId, r.cardId!] as const);
    expect([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1])).toEqual(keys);
  });

  it("returns every ranked match exactly once, in card order, across pages", async () => {
    const paged = (await allPages("4445555", 2)).filter((r) => r.reason !== "iccidFragment");
    expect(paged.map((r) => r.cardId)).toEqual([data.exactCard, ...data.fragmentCards].sort((a, b) => a - b));
  });

  it("counts a page's matches in the page's own statement, no further than the cap", async () => {
    const classified = classifySearch("Pagetest");
    if (!classified.ok) throw new Error("refused");
    const page = await searchHits({ lookups: classified.lookups, limit: 3, countCap: 5 }, client.db);
    expect(page.hits).toHaveLength(3);
    expect(page.total).toEqual({ count: 5, more: true });
    const nobody = classifySearch("Nobodyhere");
    if (!nobody.ok) throw new Error("refused");
    const none = await searchHits({ lookups: nobody.lookups, limit: 3, countCap: 5 }, client.db);
    expect(none).toEqual({ hits: [], next: null, total: { count: 0, more: false } });
  });

  it("counts no further than the cap", async () => {
    const classified = classifySearch("Pagetest");
    if (!classified.ok) throw new Error("refused");
    expect(await countSearchResults(classified.lookups, 5, client.db)).toEqual({ count: 5, more: true });
    expect(await countSearchResults(classified.lookups, 100, client.db)).toEqual({ count: 11, more: false });
  });
});
