import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // next's "server-only" guard throws outside React Server Components; tests import server modules directly.
      "server-only": path.join(root, "tests/helpers/server-only.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/helpers/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: "forks",
          maxWorkers: 2,
          // The export test forces collections to show its memory stays flat.
          execArgv: ["--expose-gc"],
          // next-auth imports "next/server" without an extension, which Node's ESM loader refuses; Vite resolves it.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
