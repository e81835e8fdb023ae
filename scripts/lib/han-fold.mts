import OpenCC from "opencc-js";

/**
 * Character tables for folding Traditional and Simplified Chinese together,
 * read from OpenCC's own dictionaries (through opencc-js), one code point at a
 * time: phrase tables never apply to a single character, so what remains is
 * OpenCC's character mapping (including the Hong Kong and Taiwan variants).
 */
const RANGES: [number, number][] = [
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xf900, 0xfaff], // CJK Compatibility Ideographs
];

function* hanCharacters(): Generator<string> {
  for (const [from, to] of RANGES) for (let cp = from; cp <= to; cp++) yield String.fromCodePoint(cp);
}

function closedMap(converters: ((text: string) => string)[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const ch of hanCharacters()) {
    for (const convert of converters) {
      const out = convert(ch);
      if (out !== ch && [...out].length === 1) {
        map.set(ch, out);
        break;
      }
    }
  }
  // One pass of translate() must reach the final form: follow chains (A→B→C) to their end.
  for (const [from, to] of map) {
    let end = to;
    for (let hops = 0; map.has(end) && map.get(end) !== end && hops < 8; hops++) end = map.get(end)!;
    if (end === from) map.delete(from);
    else map.set(from, end);
  }
  return map;
}

/** Traditional (Hong Kong, Taiwan, OpenCC standard) → Simplified: the search fold. */
export function traditionalToSimplified(): Map<string, string> {
  return closedMap([
    OpenCC.Converter({ from: "hk", to: "cn" }),
    OpenCC.Converter({ from: "tw", to: "cn" }),
    OpenCC.Converter({ from: "t", to: "cn" }),
  ]);
}

/** Simplified → Traditional (Hong Kong forms), a character at a time: for backfilling short names only. */
export function simplifiedToTraditional(): Map<string, string> {
  return closedMap([OpenCC.Converter({ from: "cn", to: "hk" })]);
}

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The arguments of translate(value, from, to) for a table, in code-point order. */
export function translateArguments(map: Map<string, string>): { from: string; to: string } {
  const entries = [...map].sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!);
  return { from: entries.map(([f]) => f).join(""), to: entries.map(([, t]) => t).join("") };
}

/** The SQL of the IMMUTABLE function that folds Traditional characters to Simplified. */
export function foldHanFunctionSql(): string {
  const { from, to } = translateArguments(traditionalToSimplified());
  return `CREATE OR REPLACE FUNCTION fold_han(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $fold$ SELECT translate(value, ${quote(from)}, ${quote(to)}) $fold$;`;
}

/**
 * fold_han() as migration 0016 redefines it: the same translate(), run only
 * when the text holds a character it would change. translate() walks its
 * 3,600-character table for every character of the input, which made the
 * generated search columns cost ~0.1 ms a customer (most of a 1M seed);
 * the bracket expression is compiled once per session and answers in a
 * lookup. Same output for every input, so stored columns and indexes stay valid.
 */
export function foldHanGuardedFunctionSql(): string {
  const { from, to } = translateArguments(traditionalToSimplified());
  return `CREATE OR REPLACE FUNCTION fold_han(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $fold$ SELECT CASE WHEN value ~ ${quote(`[${from}]`)} THEN translate(value, ${quote(from)}, ${quote(to)}) ELSE value END $fold$;`;
}

export function sqlLiteral(text: string): string {
  return quote(text);
}
