import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const actionFiles = ["app", "lib", "components"]
  .flatMap((dir) => sourceFiles(path.join(root, dir)))
  .filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")));

describe("server action files", () => {
  it("exist (the check below would pass vacuously otherwise)", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(7);
  });

  it.each(actionFiles.map((file) => [path.relative(root, file)]))(
    "%s exports only actions built by the checking wrappers",
    (file) => {
      const exports = readFileSync(path.join(root, file), "utf8")
        .split("\n")
        .filter((line) => line.startsWith("export "));
      for (const line of exports) {
        const allowed =
          /^export const \w+Action = (staffAction|staffFormAction)\(/.test(line) ||
          // sign-in and sign-out are the only actions for signed-out visitors
          (file.includes("(auth)/login") &&
            /^export const (signInAction|signOutAction) = publicFormAction\(/.test(line)) ||
          /^export (interface|type) /.test(line);
        expect(allowed, line).toBe(true);
      }
    },
  );
});
