import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { foldHanFunctionSql, foldHanGuardedFunctionSql, traditionalToSimplified } from "@/scripts/lib/han-fold.mts";

const migration = readFileSync(
  path.join(import.meta.dirname, "../../db/migrations/0005_fold-traditional-and-simplified-in-search.sql"),
  "utf8",
);

describe("the Traditional → Simplified search fold", () => {
  it("is the migration's fold_han(), exactly as OpenCC's tables generate it", () => {
    expect(migration).toContain(foldHanFunctionSql());
  });

  it("is redefined by migration 0016 with the same table, guarded so text without a Traditional character skips it", () => {
    const guarded = readFileSync(
      path.join(
        import.meta.dirname,
        "../../db/migrations/0016_fold-han-only-when-a-traditional-character-is-there.sql",
      ),
      "utf8",
    );
    expect(guarded).toContain(foldHanGuardedFunctionSql());
  });

  it("maps Hong Kong and Taiwan forms of names to one Simplified form", () => {
    const fold = traditionalToSimplified();
    const folded = (text: string) => [...text].map((ch) => fold.get(ch) ?? ch).join("");
    expect(folded("鄧芳")).toBe("邓芳");
    expect(folded("陳嘉欣")).toBe("陈嘉欣");
    expect(folded("王偉")).toBe("王伟");
    expect(folded("黃麗華")).toBe("黄丽华");
    expect(folded("綫")).toBe(folded("線"));
    expect(folded("邓芳")).toBe("邓芳");
  });

  it("reaches its final form in one pass (no chains), so translate() needs no second run", () => {
    const fold = traditionalToSimplified();
    const chained = [...fold].filter(([, to]) => fold.has(to));
    expect(chained).toEqual([]);
    expect(fold.size).toBeGreaterThan(2500);
  });
});
