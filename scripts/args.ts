/** Minimal `--name value` / `--flag` parsing for the project's CLIs, with clear errors. */
export function parseArgs(argv: string[], known: Record<string, "string" | "boolean">): Record<string, string | boolean> {
  const result: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) throw new Error(`Unexpected argument "${arg}". Options: ${Object.keys(known).map((k) => `--${k}`).join(", ")}`);
    const [name, inline] = arg.slice(2).split("=", 2);
    const kind = known[name];
    if (!kind) throw new Error(`Unknown option --${name}. Options: ${Object.keys(known).map((k) => `--${k}`).join(", ")}`);
    if (kind === "boolean") {
      result[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new Error(`Option --${name} needs a value`);
    result[name] = value;
  }
  return result;
}
