/**
 * Client components get only the message namespaces their route provides
 * (lib/i18n/client-messages.tsx). This test reads the source, not a running
 * page, so it sees every island, including those behind a role, a dialog or
 * an error state that no e2e test happens to open:
 *
 * 1. From each route file (page, layout, loading, error, not-found …) it
 *    follows static imports through server modules; a `"use client"` module
 *    is a boundary, and from there every module it imports runs on the client
 *    too. Following imports over-approximates what a route renders, which
 *    can only ask for more namespaces, never fewer.
 * 2. Every `useTranslations("ns")` in those client modules is a namespace the
 *    file needs. A call without a literal namespace (or `useMessages()`)
 *    cannot be checked and fails the test.
 * 3. A file is covered by the root namespaces plus each `withClientMessages([…])`
 *    that wraps it: the layouts of its own and every enclosing segment, and
 *    for a page its own. The wrapper takes the whole component, so nothing
 *    a layout or page renders sits outside its provider.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rootClientNamespaces } from "@/lib/i18n/client-namespaces";

const root = path.join(import.meta.dirname, "../..");
const appDir = path.join(root, "app");
/** Next's special files of a segment, each rendered inside that segment's layout. */
const SEGMENT_FILES = ["loading", "error", "not-found", "forbidden", "unauthorized", "template", "default"];
/** The one module allowed to read the context's messages whole: it is the provider. */
const PROVIDER = path.join(root, "lib/i18n/messages-scope.tsx");

const rel = (file: string) => path.relative(root, file);

const sources = new Map<string, string>();
function source(file: string): string {
  let text = sources.get(file);
  if (text === undefined) {
    // Comments out (a `//` only after a line start or a space, so "https://…" in a string stays).
    text = readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/(^|\s)\/\/.*$/gm, "$1");
    sources.set(file, text);
  }
  return text;
}

const directive = (file: string) => /^\s*["']use (client|server)["']/.exec(source(file))?.[1];

function resolve(spec: string, from: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, `${base}/index.tsx`, `${base}/index.ts`])
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

/** Modules a file loads at run time (type-only imports load nothing). */
function importsOf(file: string): string[] {
  const found: string[] = [];
  const text = source(file);
  const statement = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/g;
  for (const m of text.matchAll(statement)) {
    const [, , typeOnly, clause = "", spec = ""] = m;
    const named = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    const allTypes =
      named !== undefined &&
      named
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith("type "));
    if (typeOnly || allTypes) continue;
    found.push(spec);
  }
  for (const m of text.matchAll(/(?:^|[;\n])\s*import\s*["']([^"']+)["']/g)) found.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(m[1]!);
  return found.map((spec) => resolve(spec, file)).filter((f): f is string => f !== null);
}

interface Needs {
  namespaces: Map<string, string>; // namespace → the client module that translates it
  problems: string[];
}

function ownNamespaces(file: string, needs: Needs) {
  const text = source(file);
  for (const m of text.matchAll(/\buseTranslations\(([^)]*)\)/g)) {
    const literal = /^\s*["']([^"']+)["']\s*$/.exec(m[1]!)?.[1];
    if (literal) {
      if (!needs.namespaces.has(literal)) needs.namespaces.set(literal, rel(file));
    } else needs.problems.push(`${rel(file)}: useTranslations(${m[1]}) has no literal namespace to check`);
  }
  if (file !== PROVIDER && /\buseMessages\(/.test(text))
    needs.problems.push(`${rel(file)}: useMessages() reads whatever its provider holds`);
}

/** The namespaces the client modules reachable from `entry` translate. */
function needsOf(entry: string): Needs {
  const needs: Needs = { namespaces: new Map(), problems: [] };
  const seen = new Set<string>();
  const walk = (file: string, onClient: boolean) => {
    const key = `${onClient}:${file}`;
    if (seen.has(key)) return;
    seen.add(key);
    const kind = directive(file);
    if (kind === "server" && file !== entry) return; // server actions: a reference, not code, on the client
    const client = onClient || kind === "client";
    if (client) ownNamespaces(file, needs);
    for (const next of importsOf(file)) walk(next, client);
  };
  walk(entry, false);
  return needs;
}

/** The namespaces a layout or page adds with `withClientMessages([...])`. */
function providedBy(file: string | undefined): string[] {
  if (!file) return [];
  const calls = [...source(file).matchAll(/\bwithClientMessages\(\s*(\[[^\]]*\])?/g)];
  return calls.flatMap((m) => {
    if (!m[1]) throw new Error(`${rel(file)}: withClientMessages needs a literal array of namespaces`);
    return [...m[1].matchAll(/["']([^"']+)["']/g)].map((s) => s[1]!);
  });
}

const covers = (provided: readonly string[], ns: string) => provided.some((p) => ns === p || ns.startsWith(`${p}.`));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const special = (dir: string, name: string) =>
  [".tsx", ".ts"].map((ext) => path.join(dir, name + ext)).find((f) => existsSync(f));

interface Check {
  file: string;
  provided: string[];
}

/** Every route file with what covers it: its own segment's and the enclosing segments' layouts, and a page its own. */
function routeChecks(): Check[] {
  const checks = new Map<string, Check>();
  for (const page of filesUnder(appDir).filter((f) => /[/\\]page\.tsx?$/.test(f))) {
    const dirs: string[] = [];
    for (let dir = path.dirname(page); dir.startsWith(appDir); dir = path.dirname(dir)) dirs.unshift(dir);
    let provided: string[] = [...rootClientNamespaces];
    for (const dir of dirs) {
      const layout = special(dir, "layout");
      provided = [...provided, ...providedBy(layout)];
      for (const file of [layout, ...SEGMENT_FILES.map((name) => special(dir, name))])
        if (file && !checks.has(file)) checks.set(file, { file, provided });
    }
    checks.set(page, { file: page, provided: [...provided, ...providedBy(page)] });
  }
  return [...checks.values()];
}

describe("client message namespaces", () => {
  const checks = routeChecks();

  it("provides every namespace a client component translates on each route that renders it", () => {
    const missing: string[] = [];
    for (const { file, provided } of checks) {
      const needs = needsOf(file);
      missing.push(...needs.problems);
      for (const [ns, by] of needs.namespaces)
        if (!covers(provided, ns)) missing.push(`${rel(file)}: "${ns}" (used by ${by}) is not provided`);
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it("global-error, which replaces the root layout and its provider, translates nothing on the client", () => {
    expect([...needsOf(path.join(appDir, "global-error.tsx")).namespaces.keys()]).toEqual([]);
  });

  it("adds namespaces only in layouts and pages, where the test can see what they wrap", () => {
    const stray = [...filesUnder(appDir), ...filesUnder(path.join(root, "components"))]
      .filter((f) => !/[/\\](layout|page)\.tsx?$/.test(f))
      .filter((f) => /\bwithClientMessages\(|<MessagesScope\b|<NextIntlClientProvider\b/.test(source(f)));
    expect(stray.map(rel).filter((f) => f !== "app/layout.tsx")).toEqual([]);
  });

  it("sees islands through server modules and the modules client modules import", () => {
    // The search box (a client module) on every console page; the login form only on its page.
    const consoleLayout = needsOf(path.join(appDir, "(console)/layout.tsx"));
    expect(consoleLayout.namespaces.get("customers.search")).toBe("app/(console)/customers/search-box.tsx");
    expect(needsOf(path.join(appDir, "(auth)/login/page.tsx")).namespaces.has("auth")).toBe(true);
    expect(covers(["desk"], "desk.goodwill")).toBe(true);
    expect(covers(["desk.goodwill"], "desk")).toBe(false);
    expect(covers(["desk"], "deskTop")).toBe(false);
  });
});
