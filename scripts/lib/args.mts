/** Tiny --flag value parser for our scripts; unknown flags are an error, not ignored. */
export function parseArgs(argv: string[], known: Record<string, "string" | "boolean">) {
  const values: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split("=", 2) as [string, string | undefined];
    const name = flag.replace(/^--/, "");
    if (!flag.startsWith("--") || !(name in known))
      throw new Error(
        `Unknown argument ${arg}. Known: ${Object.keys(known)
          .map((k) => `--${k}`)
          .join(", ")}`,
      );
    if (known[name] === "boolean") values[name] = true;
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      values[name] = value;
    }
  }
  return values;
}
