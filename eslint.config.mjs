import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

/**
 * The architecture's arrows (README, "Where things live"). ESLint keeps one
 * `no-restricted-imports` per file, so a folder inside another repeats its
 * parent's patterns.
 */
const forbid = (group, message) => ({ group, message });
const toApp = forbid(["@/app", "@/app/*", "../app/*", "../../app/*"], "Only routes import from app/.");
const toNext = forbid(
  ["next", "next/*", "next-intl", "next-intl/*", "next-auth", "next-auth/*"],
  "db/ and lib/domain/ stay free of Next.js.",
);
const toDb = forbid(["@/db", "@/db/*"], "Pass data in as props or arguments: this folder never reads the database.");
const toMutations = forbid(["@/db/mutations/*", "../mutations/*"], "Reads never import writes.");
const toGlue = {
  regex: "^(drizzle-orm|postgres|server-only|@/components)(/|$)|^@/lib/(?!domain/)",
  message: "lib/domain/ holds pure rules: only other lib/domain modules and plain libraries.",
};
const arrows = (files, ...patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },
  arrows(["components/**"], toDb, toApp),
  arrows(["db/**"], toApp, toNext),
  arrows(["db/queries/**"], toApp, toNext, toMutations),
  arrows(["lib/domain/**"], toDb, toApp, toNext, toGlue),
  {
    files: ["tests/e2e/**"],
    ignores: ["tests/e2e/support.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(goto|reload)$/]",
          message: "Use open() or reopen() from ./support: they wait until streamed boundaries are revealed.",
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
